package io.jenkins.plugins.kubernetesdelivery.engine.release;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The releases of an app, read from their Deployments' labels and annotations and the history's pointers. */
final class ReleaseInventory {

    private ReleaseInventory() {}

    static List<Deployment> deployments(KubernetesClient client, String ns, String app, String release) {
        var op = client.apps().deployments().inNamespace(ns).withLabel(ReleaseLabels.APP, app);
        return (release == null ? op : op.withLabel(ReleaseLabels.RELEASE, release))
                .list()
                .getItems();
    }

    /** Newest first. */
    static List<ReleaseInfo> list(KubernetesClient client, String ns, String app, ReleaseHistory h) {
        return list(client, ns, app, h, new LinkedHashMap<>());
    }

    /** The same, leaving the Deployments it listed in {@code byRelease} (emptied first), by release. */
    static List<ReleaseInfo> list(
            KubernetesClient client, String ns, String app, ReleaseHistory h, Map<String, List<Deployment>> byRelease) {
        byRelease.clear();
        for (Deployment d : deployments(client, ns, app, null)) {
            String r = d.getMetadata().getLabels().get(ReleaseLabels.RELEASE);
            if (ReleaseMetadata.number(r) > 0) {
                byRelease.computeIfAbsent(r, k -> new ArrayList<>()).add(d);
            }
        }
        List<ReleaseInfo> out = new ArrayList<>();
        byRelease.forEach((release, ds) -> out.add(info(app, release, ds, h)));
        out.sort(Comparator.comparingInt(ReleaseInfo::number).reversed());
        return out;
    }

    private static ReleaseInfo info(String app, String release, List<Deployment> ds, ReleaseHistory h) {
        Deployment first = ds.get(0);
        Map<String, String> a = first.getMetadata().getAnnotations() == null
                ? Map.of()
                : first.getMetadata().getAnnotations();
        int ready = 0;
        int replicas = 0;
        int scaled = 0;
        for (Deployment d : ds) {
            ready += d.getStatus() == null || d.getStatus().getReadyReplicas() == null
                    ? 0
                    : d.getStatus().getReadyReplicas();
            scaled += d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
            String r = d.getMetadata().getAnnotations() == null
                    ? null
                    : d.getMetadata().getAnnotations().get(ReleaseLabels.REPLICAS);
            replicas += parseReplicas(r);
        }
        String failure = a.get(ReleaseLabels.FAILURE);
        ReleaseState state;
        if (h.current() != null && release.equals(h.current().release())) {
            state = ReleaseState.IN_PROGRESS;
        } else if (release.equals(h.live())) {
            state = ReleaseState.LIVE;
        } else if (failure != null) {
            state = ReleaseState.FAILED;
        } else {
            state = scaled > 0 ? ReleaseState.WARM : ReleaseState.COLD;
        }
        boolean pinned = h.pin() != null && release.equals(h.pin().release());
        return new ReleaseInfo(
                release, state, ReleaseMetadata.fromAnnotations(app, release, a), ready, replicas, pinned, failure);
    }

    /** The recorded replicas; 1 when absent or edited into something else. */
    static int parseReplicas(String value) {
        try {
            return value == null ? 1 : Math.max(1, Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
