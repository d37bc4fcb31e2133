package io.jenkins.plugins.kubernetesdelivery.engine.release;

/** The state of one release in the cluster. */
public enum ReleaseState {
    /** The Services select it. */
    LIVE,
    /** Scaled up, not selected: an instant rollback target. */
    WARM,
    /** Scaled to 0: a rollback scales it up first. */
    COLD,
    /** Its deploy failed before the switch; scaled to 0. */
    FAILED,
    /** Being deployed or rolled back to right now. */
    IN_PROGRESS
}
