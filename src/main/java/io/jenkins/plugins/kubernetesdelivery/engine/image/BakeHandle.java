package io.jenkins.plugins.kubernetesdelivery.engine.image;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The few identifiers that find a bake again after a restart: persist it before {@link Bake#run()} and pass it to
 * {@link ImageBaker#reattach} or {@link ImageBaker#cleanup}. The pod and Secret are found by the
 * {@value BakeLabels#BAKE} label.
 */
public record BakeHandle(String namespace, String bakeId, String repository, List<String> tags)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public BakeHandle {
        tags = new ArrayList<>(tags);
    }

    public String podName() {
        return BakeLabels.podName(bakeId);
    }

    public String secretName() {
        return BakeLabels.secretName(bakeId);
    }

    /** {@code namespace/pod}, for messages. */
    public String describe() {
        return namespace + "/" + podName();
    }

    @Override
    public List<String> tags() {
        return List.copyOf(tags);
    }
}
