package io.jenkins.plugins.kubernetesdelivery.engine.release;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;

/**
 * What a deploy and a rollback share: the cluster, the app's history and Lease in its namespace, and the step
 * whose name starts their progress lines and messages.
 */
abstract class ReleaseOperation {

    final KubernetesClient client;
    final ProgressListener progress;
    final Clock clock;
    final ReleaseHandle handle;
    final String ns;
    final HistoryStore history;
    private final String app;
    private final String step;

    ReleaseOperation(KubernetesClient client, ProgressListener progress, Clock clock, ReleaseHandle handle,
            String ns, String app, String step) {
        this.client = client;
        this.progress = progress;
        this.clock = clock;
        this.handle = handle;
        this.ns = ns;
        this.app = app;
        this.step = step;
        this.history = new HistoryStore(client, ns, app);
    }

    /**
     * The app's Lease, held under this operation's id; operations waiting for it are told
     * {@code "<action> of <app> by <actor><detail>"}.
     */
    ReleaseLease lease(String action, String actor, String detail) {
        return new ReleaseLease(client, ns, app, handle.operationId(), action + " of " + app + " by "
                + (actor == null ? "someone" : actor) + detail, clock);
    }

    /** Under the Lease: records an operation whose process died in flight as abandoned. */
    void abandonStale() {
        StaleOperation.abandon(client, history, ns, app, handle.operationId(), clock, progress, step);
    }

    /** Records that the operation in flight reached {@code phase}; returns it. */
    String setPhase(String phase) {
        history.update(x -> x.withCurrent(x.current() == null ? null : x.current().withPhase(phase)));
        return phase;
    }
}
