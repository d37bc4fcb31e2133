package io.jenkins.plugins.kubernetesdelivery;

import io.fabric8.kubernetes.api.model.Toleration;
import io.jenkins.plugins.kubernetesdelivery.engine.image.BuilderImages;
import java.util.List;
import java.util.Map;

/**
 * The builder defaults of the global configuration as the values a bake request takes, parsed and checked.
 *
 * @param images the builder images
 * @param builder the default builder, {@code buildkit} or {@code kaniko}
 * @param namespace where builder pods run; {@code null} when neither the defaults nor the target name one (the
 *     credentials' default namespace)
 * @param requests resource requests ({@code cpu}, {@code memory}, {@code ephemeral-storage}); empty for none
 * @param limits resource limits, same keys
 * @param nodeSelector node labels the builder pod must run on
 * @param tolerations taints the builder pod tolerates
 * @param serviceAccount the builder pod's service account; {@code null} for the namespace's default
 */
public record BuilderPodSettings(
        BuilderImages images,
        String builder,
        String namespace,
        Map<String, String> requests,
        Map<String, String> limits,
        Map<String, String> nodeSelector,
        List<Toleration> tolerations,
        String serviceAccount) {

    public BuilderPodSettings {
        requests = Map.copyOf(requests);
        limits = Map.copyOf(limits);
        nodeSelector = Map.copyOf(nodeSelector);
        tolerations = List.copyOf(tolerations);
    }
}
