package io.jenkins.plugins.kubernetesdelivery.engine.release.render;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The objects of one release, ready for server-side apply, in apply order.
 *
 * @param metadata the release's metadata
 * @param configs the release's own ConfigMaps and Secrets ({@code <name>-v<N>})
 * @param others every other kind, labeled and otherwise as given (shared by releases)
 * @param deployments the release's Deployments ({@code <name>-v<N>})
 * @param services the shared Services with their preview twins
 * @param replicas the replicas of each Deployment, by its rendered name
 */
public record RenderedRelease(
        ReleaseMetadata metadata,
        List<GenericKubernetesResource> configs,
        List<GenericKubernetesResource> others,
        List<GenericKubernetesResource> deployments,
        List<ServicePair> services,
        Map<String, Integer> replicas) {

    /** The suffix of a shared Service's preview twin: {@code <name>-preview}. */
    public static final String PREVIEW_SUFFIX = "-preview";

    /**
     * A shared Service and its preview.
     *
     * @param name the shared Service's name
     * @param main the shared Service as applied at the switch (its selector names the release)
     * @param preview {@code <name>-preview}, a ClusterIP Service selecting the release
     */
    public record ServicePair(String name, GenericKubernetesResource main, GenericKubernetesResource preview) {}

    /** Everything applied before the rollout: configs, others, previews, deployments. */
    public List<GenericKubernetesResource> beforeRollout() {
        List<GenericKubernetesResource> all = new ArrayList<>(configs);
        all.addAll(others);
        services.forEach(s -> all.add(s.preview()));
        all.addAll(deployments);
        return all;
    }

    /** Every object, with the shared Services last, as a golden file shows them. */
    public List<GenericKubernetesResource> all() {
        List<GenericKubernetesResource> all = beforeRollout();
        services.forEach(s -> all.add(s.main()));
        return all;
    }
}
