package io.jenkins.plugins.kubernetesdelivery.engine.release;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * After a switch: the live and previous releases stay scaled, every other one goes to 0, and releases beyond
 * {@code keep} are deleted with their own ConfigMaps and Secrets. Never the live or previous release.
 */
final class Retention {

    private final OperationContext ctx;

    Retention(OperationContext ctx) {
        this.ctx = ctx;
    }

    /** {@code listed}: the app's releases as listed under the Lease before the switch, or {@code null} to list them. */
    void apply(ReleaseHistory h, int keep, List<ReleaseInfo> listed) {
        String app = ctx.app();
        List<ReleaseInfo> releases =
                listed != null ? listed : ReleaseInventory.list(ctx.client(), ctx.namespace(), app, h);
        Set<String> kept = new HashSet<>();
        kept.add(h.live());
        if (h.previous() != null) {
            kept.add(h.previous());
            ctx.progress().line(ctx.appName() + " " + h.previous() + " stays warm for an instant rollback");
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
                ctx.progress().line("deleting " + ctx.appName() + " " + r.release() + " (beyond keep " + keep + ")");
                delete(r.release());
            } else if (r.state() == ReleaseState.WARM) {
                for (Deployment d : ReleaseInventory.deployments(ctx.client(), ctx.namespace(), app, r.release())) {
                    ctx.progress()
                            .line("scaling " + ctx.namespace() + "/"
                                    + d.getMetadata().getName() + " to 0");
                    ctx.deployments().scale(d.getMetadata().getName(), 0);
                }
            }
        }
    }

    /** Deletes the release's Deployments and its own ConfigMaps and Secrets ({@code <name>-v<N>}). */
    private void delete(String release) {
        KubernetesClient client = ctx.client();
        String ns = ctx.namespace();
        String app = ctx.app();
        client.apps()
                .deployments()
                .inNamespace(ns)
                .withLabel(ReleaseLabels.APP, app)
                .withLabel(ReleaseLabels.RELEASE, release)
                .delete();
        client
                .configMaps()
                .inNamespace(ns)
                .withLabel(ReleaseLabels.APP, app)
                .withLabel(ReleaseLabels.RELEASE, release)
                .list()
                .getItems()
                .stream()
                .filter(c -> c.getMetadata().getName().endsWith("-" + release))
                .forEach(c -> client.configMaps().inNamespace(ns).resource(c).delete());
        client
                .secrets()
                .inNamespace(ns)
                .withLabel(ReleaseLabels.APP, app)
                .withLabel(ReleaseLabels.RELEASE, release)
                .list()
                .getItems()
                .stream()
                .filter(s -> s.getMetadata().getName().endsWith("-" + release))
                .forEach(s -> client.secrets().inNamespace(ns).resource(s).delete());
    }
}
