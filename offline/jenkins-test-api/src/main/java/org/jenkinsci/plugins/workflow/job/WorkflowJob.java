package org.jenkinsci.plugins.workflow.job;

import hudson.model.ItemGroup;
import hudson.model.Job;
import hudson.model.TopLevelItem;
import jenkins.model.ParameterizedJobMixIn;
import org.jenkinsci.plugins.workflow.flow.FlowDefinition;

/**
 * Left out of the real supertypes: {@code LazyBuildMixIn.LazyLoadingJob}, {@code Queue.FlyweightTask},
 * {@code SCMTriggerItem}, {@code BlockableResume}.
 */
public final class WorkflowJob extends Job<WorkflowJob, WorkflowRun>
        implements ParameterizedJobMixIn.ParameterizedJob<WorkflowJob, WorkflowRun>, TopLevelItem {

    public WorkflowJob(ItemGroup parent, String name) {
        throw new UnsupportedOperationException();
    }

    public FlowDefinition getDefinition() {
        throw new UnsupportedOperationException();
    }

    public void setDefinition(FlowDefinition definition) {
        throw new UnsupportedOperationException();
    }
}
