package io.jenkins.plugins.kubernetesdelivery.steps.deploy;

import hudson.AbortException;
import io.jenkins.plugins.kubernetesdelivery.steps.ApprovalGate;

/** deployLabeled's fallback {@link ApprovalGate}, until {@code approveFor} (issue 7) registers the real one. */
final class DeployApproval {

    /**
     * Lets through a target without an approval policy (approver {@code null}); refuses an environment with policy
     * {@code required}, since no approval can be given yet.
     */
    static final ApprovalGate UNTIL_APPROVE_FOR = (target, run) -> {
        if (target.approval() == null) {
            return null;
        }
        throw new AbortException(Messages.DeployLabeledStep_ApprovalNotBuilt(target.environmentName()));
    };

    private DeployApproval() {}
}
