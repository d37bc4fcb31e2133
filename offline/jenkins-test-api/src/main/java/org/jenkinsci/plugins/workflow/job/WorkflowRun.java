package org.jenkinsci.plugins.workflow.job;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Queue;
import hudson.model.Run;
import java.io.IOException;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;

/**
 * Real supertypes: {@code FlowExecutionOwner.Executable} (a {@link Queue.Executable}),
 * {@code LazyBuildMixIn.LazyLoadingRun}, {@code RunWithSCM}; only the first is kept, as {@link Queue.Executable}.
 */
public final class WorkflowRun extends Run<WorkflowJob, WorkflowRun> implements Queue.Executable {

    public WorkflowRun(WorkflowJob job) throws IOException {
        super(job);
    }

    public @CheckForNull FlowExecution getExecution() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void run() {
        throw new UnsupportedOperationException();
    }
}
