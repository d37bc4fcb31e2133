package io.jenkins.plugins.kubernetesdelivery.engine.image;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.Closeable;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * The streaming channels into a builder pod: the context upload (attach to the receiver's stdin) and the log
 * stream. A port of its own so that tests against a cluster whose nodes cannot serve these channels replace it;
 * {@link Fabric8PodChannels} is the real one.
 */
public interface PodChannels {

    /** Streams the context tar into the stdin of the running container, then ends its stdin. */
    void upload(KubernetesClient client, String namespace, String pod, String container, ContextSource context)
            throws IOException, InterruptedException;

    /**
     * Follows the log of a started container on a thread of its own, line by line, until the log ends or the
     * returned handle is closed.
     */
    Closeable followLog(
            KubernetesClient client, String namespace, String pod, String container, Consumer<String> lines);
}
