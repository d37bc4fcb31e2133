package io.jenkins.plugins.kubernetesdelivery.steps.deploy;

import hudson.AbortException;
import io.jenkins.plugins.kubernetesdelivery.steps.ApprovalGate;

/**
 * deployLabeled's fallback {@link ApprovalGate}, for when no gate is registered (approveFor registers
 * {@code ApprovalCheck.Gate}; offline tests hand their own through the step context).
 */
final class DeployApproval {

    /**
     * Lets through a target without an approval policy (approver {@code null}); refuses an environment with policy
     * {@code required}, since nothing could check its approval.
     */
    static final ApprovalGate WITHOUT_A_GATE = (target, run) -> {
        if (target.approval() == null) {
            return null;
        }
        throw new AbortException(Messages.DeployLabeledStep_ApprovalUnavailable(target.environmentName()));
    };

    private DeployApproval() {}
}
