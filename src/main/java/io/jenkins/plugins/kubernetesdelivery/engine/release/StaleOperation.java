package io.jenkins.plugins.kubernetesdelivery.engine.release;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubernetesdelivery.engine.ProgressListener;
import java.time.Clock;

/**
 * An operation still recorded in flight although a new one holds the Lease: its process died and its Lease
 * expired without a resume. It is recorded as abandoned (failed); Services it had already switched go back to the
 * release it started from, and a release it was deploying goes to 0, since it never became live.
 */
final class StaleOperation {

    private StaleOperation() {}

    static void abandon(KubernetesClient client, HistoryStore history, String ns, String app, String ownId,
            Clock clock, ProgressListener progress) {
        ReleaseHistory.Operation stale = history.read().current();
        if (stale == null || stale.id().equals(ownId)) {
            return;
        }
        progress.line("recording the unfinished " + stale.action() + " of " + ns + "/" + app + " "
                + stale.release() + " as abandoned");
        String message = "abandoned: its process stopped during phase " + stale.phase() + "; superseded by"
                + " operation " + ownId;
        if (ReleaseHistory.Action.DEPLOY.equals(stale.action()) && !stale.release().equals(history.read().live())) {
            // it may have died halfway through the switch: Services go back before its pods go away
            RuntimeException errors = new ReleaseException("cannot switch Services of " + ns + "/" + app + " back to "
                    + stale.from());
            if (!new ServiceSwitcher(client, ns).revert(app, stale.release(), stale.from(), errors).isEmpty()) {
                throw errors;
            }
            for (var d : ReleaseInventory.deployments(client, ns, app, stale.release())) {
                client.apps().deployments().inNamespace(ns).withName(d.getMetadata().getName()).edit(x -> {
                    x.getMetadata().getAnnotations().put(ReleaseLabels.FAILURE, message);
                    x.getSpec().setReplicas(0);
                    return x;
                });
            }
        }
        history.update(x -> x.current() == null || !x.current().id().equals(stale.id()) ? x
                : x.finish(ReleaseHistory.Entry.abandoned(stale, message, clock.instant().toString(), x.live(),
                        x.previous()), x.live(), x.previous(), x.pin()));
    }
}
