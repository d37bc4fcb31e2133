package io.jenkins.plugins.kubernetesdelivery.steps.approve;

import jenkins.model.CauseOfInterruption;

/**
 * Why an {@code approveFor} was aborted when its deadline passed: "production was not approved within 60 minutes".
 * Saved with the build (plain fields).
 */
public final class ApprovalTimedOut extends CauseOfInterruption {

    private static final long serialVersionUID = 1L;

    private final String environment;
    private final int minutes;

    public ApprovalTimedOut(String environment, int minutes) {
        this.environment = environment;
        this.minutes = minutes;
    }

    public String getEnvironment() {
        return environment;
    }

    public int getMinutes() {
        return minutes;
    }

    @Override
    public String getShortDescription() {
        return Messages.ApprovalTimedOut_Description(environment, String.valueOf(minutes));
    }
}
