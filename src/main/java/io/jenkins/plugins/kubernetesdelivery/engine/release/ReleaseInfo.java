package io.jenkins.plugins.kubernetesdelivery.engine.release;

/**
 * One release as the cluster tells it.
 *
 * @param release {@code v<N>}
 * @param state its state
 * @param metadata its images, commit, build URL, schema version, approver, who and when
 * @param readyReplicas ready pods now
 * @param replicas pods it runs with when live or warm
 * @param pinned whether the app is pinned to it after a rollback
 * @param failure why its deploy failed, or {@code null}
 */
public record ReleaseInfo(
        String release,
        ReleaseState state,
        ReleaseMetadata metadata,
        int readyReplicas,
        int replicas,
        boolean pinned,
        String failure) {

    public int number() {
        return ReleaseMetadata.number(release);
    }

    /** For messages: {@code v7 (warm, schema 42)}. */
    public String describe() {
        return release + " (" + state.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                + (metadata.schemaVersion() == null ? "" : ", schema " + metadata.schemaVersion())
                + (pinned ? ", pinned" : "") + ")";
    }
}
