package io.jenkins.plugins.kubernetesdelivery.engine.release;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import io.jenkins.plugins.kubernetesdelivery.engine.ProgressListener;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ApiErrors;
import java.time.Clock;
import java.time.Duration;

/**
 * What a deploy and a rollback share: the cluster, and the app's history and Lease in its namespace.
 */
abstract class ReleaseOperation {

    final KubernetesClient client;
    final ProgressListener progress;
    final Clock clock;
    final ReleaseHandle handle;
    final String ns;
    final HistoryStore history;
    private final String app;

    ReleaseOperation(KubernetesClient client, ProgressListener progress, Clock clock, ReleaseHandle handle,
            String ns, String app) {
        this.client = client;
        this.progress = progress;
        this.clock = clock;
        this.handle = handle;
        this.ns = ns;
        this.app = app;
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
        StaleOperation.abandon(client, history, ns, app, handle.operationId(), clock, progress);
    }

    /** Records that the operation in flight reached {@code phase}; returns it. */
    String setPhase(String phase) {
        history.update(x -> x.withCurrent(x.current() == null ? null : x.current().withPhase(phase)));
        return phase;
    }

    /** Retention after a successful switch: a failure there is a warning, the operation has succeeded. */
    void retire(ReleaseHistory done, int keep) {
        try {
            Retention.apply(client, ns, app, done, keep, progress);
        } catch (RuntimeException e) {
            progress.line("warning: cannot retire older releases of " + ns + "/" + app + ": "
                    + ApiErrors.oneLine(e.getMessage()) + "; the next deploy tries again");
        }
    }

    /**
     * A resume: holds the Lease again under the same id, then reads the history once more, since while this resume
     * waited another operation may have taken the expired Lease and finished the one {@code found} in flight
     * ({@code what} names it in the message then).
     */
    ReleaseHistory acquireToResume(ReleaseLease lease, Duration wait, ReleaseHistory.Operation found, String what) {
        lease.acquire(wait, progress);
        ReleaseHistory now = history.read();
        ReleaseHistory.Operation op = now.current();
        if (op == null || !op.id().equals(found.id())) {
            String outcome = now.entryOf(found.id()).map(e -> e.outcome() + (e.message() == null ? ""
                    : " (" + e.message() + ")")).orElse("replaced");
            throw new ReleaseException(what + " was finished by another operation while this resume"
                    + " waited for the Lease: " + outcome + "; nothing was changed. Run it again.");
        }
        return now;
    }

    /** The reason a failed operation reports, on one line: the cause's reason, or that the step was aborted. */
    static String failureMessage(RuntimeException cause) {
        // a failure the engine worded (a wait's "interrupted while …" included) keeps its words
        if (interrupted(cause) && !(cause instanceof DeliveryException)) {
            return "interrupted (the step was aborted)";
        }
        if (cause instanceof DeliveryException d) {
            return d.problems().isEmpty() ? d.reason() : d.reason() + ": " + String.join("; ", d.problems());
        }
        return cause.getMessage();
    }

    static boolean interrupted(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof InterruptedException || c instanceof java.io.InterruptedIOException) {
                return true;
            }
        }
        return false;
    }
}
