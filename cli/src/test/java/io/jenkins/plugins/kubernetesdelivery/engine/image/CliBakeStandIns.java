package io.jenkins.plugins.kubernetesdelivery.engine.image;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/**
 * The bake's testenv stand-ins ({@link StageDrivenChannels}, {@link BakeStages}) for the CLI tests, which live in
 * another package: kwok nodes serve neither attach nor logs, so the CLI test gives the command these channels and
 * puts the Stages' label on the builder pod with {@code --label}.
 */
public final class CliBakeStandIns implements AutoCloseable {

    private final StageDrivenChannels channels = new StageDrivenChannels();
    private final BakeStages stages;

    public CliBakeStandIns(KubernetesClient client) {
        this.stages = new BakeStages(client);
    }

    /** The pod's context receiver runs, then the build terminates with exit 0 and this termination message. */
    public CliBakeStandIns succeedWith(String message) {
        stages.receiverRuns().buildTerminates(true, 0, "Completed", message);
        return this;
    }

    public PodChannels channels() {
        return channels;
    }

    /** The label the builder pod needs (pass it with {@code --label key=value}). */
    public Map.Entry<String, String> podLabel() {
        return stages.podLabels().entrySet().iterator().next();
    }

    /** Whether the context was uploaded, and how many bytes. */
    public int uploadedBytes() {
        return channels.uploaded == null ? 0 : channels.uploaded.length;
    }

    @Override
    public void close() {
        stages.close();
    }
}
