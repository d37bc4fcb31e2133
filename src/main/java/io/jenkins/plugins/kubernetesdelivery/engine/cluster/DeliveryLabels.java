package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

/**
 * The keys and values every object the plugin writes shares, whatever wrote it (a release, a bake); the keys of
 * each kind of object are in {@code ReleaseLabels} and {@code BakeLabels}. A contract documented in
 * docs/releases.md and docs/bake.md.
 */
public final class DeliveryLabels {

    /** The prefix of the plugin's own label and annotation keys. */
    public static final String PREFIX = "delivery.jenkins.io/";
    /** The prefix of the Kubernetes recommended labels. */
    public static final String KUBERNETES_PREFIX = "app.kubernetes.io/";

    /** The field manager of every write, also the value of {@link #MANAGED_BY}. */
    public static final String FIELD_MANAGER = "kubernetes-delivery";

    /** Label: which tool manages the object, {@value #FIELD_MANAGER}. */
    public static final String MANAGED_BY = KUBERNETES_PREFIX + "managed-by";

    public static final String NAME = KUBERNETES_PREFIX + "name";
    public static final String INSTANCE = KUBERNETES_PREFIX + "instance";
    public static final String VERSION = KUBERNETES_PREFIX + "version";
    public static final String COMPONENT = KUBERNETES_PREFIX + "component";

    /** Annotation: the build that wrote the object. */
    public static final String BUILD_URL = PREFIX + "build-url";

    private DeliveryLabels() {}
}
