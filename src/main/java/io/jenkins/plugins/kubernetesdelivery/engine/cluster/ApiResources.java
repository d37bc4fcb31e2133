package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the API server's discovery says about kinds: whether one is served, and whether it is namespaced. The cluster
 * is the authority (a CustomResourceDefinition decides the scope of its kind; no list of names here could). Each
 * group version is asked once per instance: make one per operation, so that it never outlives a CRD change by much.
 * Not thread-safe.
 */
public final class ApiResources {

    private final KubernetesClient client;
    private final Map<String, List<APIResource>> byGroupVersion = new HashMap<>();

    public ApiResources(KubernetesClient client) {
        this.client = client;
    }

    /** The resource that serves {@code kind} in {@code apiVersion} (not a subresource); empty when none does. */
    public Optional<APIResource> find(String apiVersion, String kind) {
        List<APIResource> resources = byGroupVersion.computeIfAbsent(apiVersion, v -> {
            APIResourceList list = client.getApiResources(v);
            return list == null || list.getResources() == null ? List.of() : list.getResources();
        });
        return resources.stream()
                .filter(r -> kind.equals(r.getKind())
                        && r.getName() != null
                        && !r.getName().contains("/"))
                .findFirst();
    }
}
