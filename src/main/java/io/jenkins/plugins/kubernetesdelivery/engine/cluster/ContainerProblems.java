package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

import java.util.HashSet;
import java.util.Set;

/**
 * Container states that waiting does not fix. The classifiers of release pods and builder pods each add the reasons
 * that are final for their kind of pod.
 */
public final class ContainerProblems {

    /**
     * Waiting reasons that mean a container cannot start from its spec, whatever the pod: the image cannot be pulled
     * (after the kubelet's retries) or named, or the container's configuration refers to something missing.
     */
    public static final Set<String> CANNOT_START =
            Set.of("ImagePullBackOff", "InvalidImageName", "CreateContainerConfigError");

    private ContainerProblems() {}

    /** {@link #CANNOT_START} and {@code more}. */
    public static Set<String> cannotStartOr(String... more) {
        Set<String> all = new HashSet<>(CANNOT_START);
        all.addAll(Set.of(more));
        return Set.copyOf(all);
    }
}
