package io.jenkins.plugins.kubernetesdelivery.steps.bake;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.kubernetesdelivery.engine.image.BakeStages;
import io.jenkins.plugins.kubernetesdelivery.engine.image.ContextSource;
import io.jenkins.plugins.kubernetesdelivery.engine.image.PodChannels;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The attach and log channels for builder pods on kwok nodes, which cannot serve them: the upload writes the
 * context into memory (through the step's {@link ContextSource}, so from the "agent") and marks the pod
 * {@link BakeStages#UPLOADED}; the log replays {@link #logLines}. {@link #freezeFirstLog()} makes the first log
 * stream hang, as a bake thread does in a controller that dies: it never cleans up.
 */
final class StageChannels implements PodChannels {

    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile byte[] uploaded;
    volatile String podUid;
    volatile List<String> logLines = List.of();
    private volatile CountDownLatch frozen;
    /** The upload ignores interrupts until the pod is gone, as fabric8's attach upload can (audit D-7). */
    volatile boolean swallowInterrupts;

    final CountDownLatch inUpload = new CountDownLatch(1);
    final CountDownLatch inFrozenLog = new CountDownLatch(1);

    /** The first log stream blocks until the returned latch is counted down. */
    CountDownLatch freezeFirstLog() {
        frozen = new CountDownLatch(1);
        return frozen;
    }

    @Override
    public void upload(KubernetesClient client, String namespace, String pod, String container, ContextSource context)
            throws IOException {
        calls.add("upload " + namespace + "/" + pod + " " + container);
        inUpload.countDown();
        if (swallowInterrupts) {
            boolean podThere = true;
            while (podThere) {
                try {
                    podThere =
                            client.pods().inNamespace(namespace).withName(pod).get() != null;
                    Thread.sleep(200);
                } catch (InterruptedException | KubernetesClientException e) {
                    // swallowed, the flag cleared, as in fabric8's ExecWebSocketListener.waitForQueue
                    Thread.interrupted();
                }
            }
            throw new IOException("the attach stream of " + namespace + "/" + pod + " was closed");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        context.writeTo(out);
        uploaded = out.toByteArray();
        Pod p = client.pods().inNamespace(namespace).withName(pod).edit(x -> {
            x.getMetadata().getAnnotations().put(BakeStages.UPLOADED, "true");
            return x;
        });
        podUid = p.getMetadata().getUid();
    }

    @Override
    public Closeable followLog(
            KubernetesClient client, String namespace, String pod, String container, Consumer<String> lines) {
        calls.add("log " + namespace + "/" + pod + " " + container);
        CountDownLatch f = frozen;
        if (f != null) {
            frozen = null;
            inFrozenLog.countDown();
            try {
                f.await(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        logLines.forEach(lines);
        return () -> {};
    }
}
