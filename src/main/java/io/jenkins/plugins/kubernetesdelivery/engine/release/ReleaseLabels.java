package io.jenkins.plugins.kubernetesdelivery.engine.release;

/** The label and annotation keys the release model writes into the cluster: a contract documented in docs/releases.md. */
public final class ReleaseLabels {

    public static final String PREFIX = "delivery.jenkins.io/";
    public static final String FIELD_MANAGER = "kubernetes-delivery";

    /** Label: the app the object belongs to. */
    public static final String APP = PREFIX + "app";
    /** Label: the release the object belongs to ({@code v<N>}); on Services, in the selector only. */
    public static final String RELEASE = PREFIX + "release";

    public static final String NAME = "app.kubernetes.io/name";
    public static final String INSTANCE = "app.kubernetes.io/instance";
    public static final String VERSION = "app.kubernetes.io/version";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

    /** Annotations on every object of a release. */
    public static final String GIT_COMMIT = PREFIX + "git-commit";
    public static final String BUILD_URL = PREFIX + "build-url";
    public static final String SCHEMA_VERSION = PREFIX + "schema-version";
    public static final String IMAGES = PREFIX + "images";
    public static final String APPROVER = PREFIX + "approver";
    public static final String DEPLOYED_AT = PREFIX + "deployed-at";
    public static final String DEPLOYED_BY = PREFIX + "deployed-by";
    /** Annotation on a release's Deployment: the replicas it runs with when warm or live. */
    public static final String REPLICAS = PREFIX + "replicas";
    /** Annotation on a release's Deployment: why it failed, once it has. */
    public static final String FAILURE = PREFIX + "failure";

    private ReleaseLabels() {}
}
