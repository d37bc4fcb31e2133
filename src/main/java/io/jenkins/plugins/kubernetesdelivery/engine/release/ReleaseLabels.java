package io.jenkins.plugins.kubernetesdelivery.engine.release;

import static io.jenkins.plugins.kubernetesdelivery.engine.cluster.DeliveryLabels.PREFIX;

/**
 * The label and annotation keys of the release model: a contract documented in docs/releases.md. The keys every
 * object of the plugin shares (managed-by, the app.kubernetes.io labels, the build URL, the field manager) are in
 * {@link io.jenkins.plugins.kubernetesdelivery.engine.cluster.DeliveryLabels}.
 */
public final class ReleaseLabels {

    /** Label: the app the object belongs to. */
    public static final String APP = PREFIX + "app";
    /** Label: the release the object belongs to ({@code v<N>}); on Services, in the selector only. */
    public static final String RELEASE = PREFIX + "release";

    /** Annotations on every object of a release. */
    public static final String GIT_COMMIT = PREFIX + "git-commit";

    public static final String SCHEMA_VERSION = PREFIX + "schema-version";
    public static final String IMAGES = PREFIX + "images";
    public static final String APPROVER = PREFIX + "approver";
    public static final String DEPLOYED_AT = PREFIX + "deployed-at";
    public static final String DEPLOYED_BY = PREFIX + "deployed-by";
    /** Annotation on a release's Deployment: the replicas it runs with when warm or live. */
    public static final String REPLICAS = PREFIX + "replicas";
    /** Annotation on a release's Deployment: why it failed, once it has. */
    public static final String FAILURE = PREFIX + "failure";
    /**
     * Annotation on a release's Deployment: the whole selector of each Service of its manifests as the release
     * renders it (JSON, by Service name), so that a rollback or a switch back sets exactly that selector.
     */
    public static final String SELECTORS = PREFIX + "service-selectors";
    /**
     * Annotation on a release's Deployment: the shared objects that follow the live release (autoscalers naming one
     * of its Deployments, PodDisruptionBudgets selecting its pods), JSON, so that a rollback retargets them.
     */
    public static final String FOLLOWERS = PREFIX + "followers";
    /**
     * Annotation on a shared object that follows the live release (value {@value #FOLLOWS_LIVE}): a deploy applies it
     * with forced ownership, since a rollback changed its target with a patch.
     */
    public static final String FOLLOWS = PREFIX + "follows";

    public static final String FOLLOWS_LIVE = "live-release";
    /** Annotation on the app's Lease: what holds it, for whoever waits. */
    public static final String HOLDER = PREFIX + "holder";

    private ReleaseLabels() {}
}
