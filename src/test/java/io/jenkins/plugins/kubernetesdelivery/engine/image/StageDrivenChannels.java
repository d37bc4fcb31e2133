package io.jenkins.plugins.kubernetesdelivery.engine.image;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The testenv stand-in for the attach and log channels, which kwok nodes cannot serve: "uploading" writes the tar
 * into memory and marks the pod with an annotation that a {@link BakeStages} stage reacts to; the log stream
 * replays {@link #logLines}. It also records the pod and Secret as they were while the bake ran.
 */
final class StageDrivenChannels implements PodChannels {

    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile byte[] uploaded;
    volatile Pod podDuringUpload;
    volatile Secret secretDuringUpload;
    /** What the stand-in log stream says (the real one is tested against the mock server). */
    volatile List<String> logLines = List.of();

    @Override
    public void upload(KubernetesClient client, String namespace, String pod, String container, ContextSource context)
            throws IOException {
        calls.add("upload " + namespace + "/" + pod + " " + container);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        context.writeTo(out);
        uploaded = out.toByteArray();
        podDuringUpload = client.pods().inNamespace(namespace).withName(pod).get();
        secretDuringUpload = client.secrets()
                .inNamespace(namespace)
                .withName(BakeLabels.secretName(
                        podDuringUpload.getMetadata().getLabels().get(BakeLabels.BAKE)))
                .get();
        client.pods().inNamespace(namespace).withName(pod).edit(p -> {
            p.getMetadata().getAnnotations().put(BakeStages.UPLOADED, "true");
            return p;
        });
    }

    @Override
    public Closeable followLog(
            KubernetesClient client, String namespace, String pod, String container, Consumer<String> lines) {
        calls.add("log " + namespace + "/" + pod + " " + container);
        logLines.forEach(lines);
        return () -> {};
    }
}
