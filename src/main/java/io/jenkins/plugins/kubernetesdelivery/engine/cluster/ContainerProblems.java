package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

import java.util.HashSet;
import java.util.Set;

/**
 * Container states that waiting does not fix, and the one-line form of the messages that explain them. The
 * classifiers of release pods and builder pods each add the reasons that are final for their kind of pod.
 */
public final class ContainerProblems {

    /**
     * Waiting reasons that mean a container cannot start from its spec, whatever the pod: the image cannot be pulled
     * (after the kubelet's retries) or named, or the container's configuration refers to something missing.
     */
    public static final Set<String> CANNOT_START = Set.of("ImagePullBackOff", "InvalidImageName",
            "CreateContainerConfigError");

    private static final int MAX_LINE = 300;

    private ContainerProblems() {}

    /** {@link #CANNOT_START} and {@code more}. */
    public static Set<String> cannotStartOr(String... more) {
        Set<String> all = new HashSet<>(CANNOT_START);
        all.addAll(Set.of(more));
        return Set.copyOf(all);
    }

    /**
     * A message (from the API server, a container or an exception) on one line: runs of whitespace become one
     * space, and text beyond 300 characters is cut and ends with "…". Null gives "".
     */
    public static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.replaceAll("\\s+", " ").strip();
        return line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + "…" : line;
    }
}
