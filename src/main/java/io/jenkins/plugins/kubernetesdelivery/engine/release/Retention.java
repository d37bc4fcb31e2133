package io.jenkins.plugins.kubernetesdelivery.engine.release;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubernetesdelivery.engine.ProgressListener;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * After a switch: the live and previous releases stay scaled, every other one goes to 0, and releases beyond
 * {@code keep} are deleted with their own ConfigMaps and Secrets. Never the live or previous release.
 */
final class Retention {

    private Retention() {}

    static void apply(KubernetesClient client, String ns, String app, ReleaseHistory h, int keep,
            ProgressListener progress) {
        List<ReleaseInfo> releases = ReleaseInventory.list(client, ns, app, h);
        Set<String> kept = new HashSet<>();
        kept.add(h.live());
        if (h.previous() != null) {
            kept.add(h.previous());
            progress.line(ns + "/" + app + " " + h.previous() + " stays warm for an instant rollback");
        }
        for (ReleaseInfo r : releases) {
            if (kept.size() < keep) {
                kept.add(r.release());
            }
        }
        for (ReleaseInfo r : releases) {
            if (r.release().equals(h.live()) || r.release().equals(h.previous())) {
                continue;
            }
            if (!kept.contains(r.release())) {
                progress.line("deleting " + ns + "/" + app + " " + r.release() + " (beyond keep " + keep + ")");
                delete(client, ns, app, r.release());
            } else if (r.state() == ReleaseState.WARM) {
                for (Deployment d : ReleaseInventory.deployments(client, ns, app, r.release())) {
                    progress.line("scaling " + ns + "/" + d.getMetadata().getName() + " to 0");
                    scale(client, ns, d.getMetadata().getName(), 0);
                }
            }
        }
    }

    static void scale(KubernetesClient client, String ns, String deployment, int replicas) {
        client.apps().deployments().inNamespace(ns).withName(deployment).scale(replicas);
    }

    static void delete(KubernetesClient client, String ns, String app, String release) {
        client.apps().deployments().inNamespace(ns).withLabel(ReleaseLabels.APP, app)
                .withLabel(ReleaseLabels.RELEASE, release).delete();
        client.configMaps().inNamespace(ns).withLabel(ReleaseLabels.APP, app)
                .withLabel(ReleaseLabels.RELEASE, release).list().getItems().stream()
                .filter(c -> c.getMetadata().getName().endsWith("-" + release))
                .forEach(c -> client.configMaps().inNamespace(ns).resource(c).delete());
        client.secrets().inNamespace(ns).withLabel(ReleaseLabels.APP, app)
                .withLabel(ReleaseLabels.RELEASE, release).list().getItems().stream()
                .filter(s -> s.getMetadata().getName().endsWith("-" + release))
                .forEach(s -> client.secrets().inNamespace(ns).resource(s).delete());
    }
}
