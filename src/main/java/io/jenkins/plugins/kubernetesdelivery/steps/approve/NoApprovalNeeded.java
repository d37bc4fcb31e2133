package io.jenkins.plugins.kubernetesdelivery.steps.approve;

import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/** {@code approveFor} of an environment with policy {@code none}: done when it starts, returning {@code null}. */
final class NoApprovalNeeded extends StepExecution {

    private static final long serialVersionUID = 1L;

    NoApprovalNeeded(StepContext context) {
        super(context);
    }

    @Override
    public boolean start() {
        getContext().onSuccess(null);
        return true;
    }
}
