package io.jenkins.plugins.kubernetesdelivery.engine.image;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The pods/attach and pods/log subresources, through fabric8's websocket and HTTP clients. */
public final class Fabric8PodChannels implements PodChannels {

    private static final Logger LOGGER = Logger.getLogger(Fabric8PodChannels.class.getName());

    @Override
    public void upload(KubernetesClient client, String namespace, String pod, String container, ContextSource context)
            throws IOException {
        ExecWatch watch;
        try {
            watch = client.pods().inNamespace(namespace).withName(pod).inContainer(container)
                    .withReadyWaitTimeout(0).redirectingInput().attach();
        } catch (KubernetesClientException e) {
            throw new IOException("cannot attach to " + namespace + "/" + pod + " container " + container + ": "
                    + e.getMessage(), e);
        }
        try (watch) {
            OutputStream stdin = watch.getInput();
            OutputStream buffered = new BufferedOutputStream(stdin, 64 * 1024);
            context.writeTo(buffered);
            buffered.flush();
            stdin.close();
        }
    }

    @Override
    public Closeable followLog(KubernetesClient client, String namespace, String pod, String container,
            Consumer<String> lines) {
        LogWatch log = client.pods().inNamespace(namespace).withName(pod).inContainer(container)
                .withReadyWaitTimeout(0).watchLog();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(log.getOutput(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.accept(line);
                }
            } catch (IOException | RuntimeException e) {
                LOGGER.log(Level.FINE, "log of " + namespace + "/" + pod + " ended", e);
            }
        }, "bake log " + namespace + "/" + pod);
        reader.setDaemon(true);
        reader.start();
        return () -> {
            try {
                reader.join(2000); // a finished container's log ends by itself: let the last lines through
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                log.close();
            }
        };
    }
}
