package io.jenkins.plugins.kubernetesdelivery.engine.release;

import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ApiErrors;
import java.time.Duration;

/**
 * What a deploy and a rollback share: their {@link OperationContext} (the cluster, the app's history and its Lease in
 * its namespace) and the handle they are recorded under.
 */
abstract class ReleaseOperation {

    final OperationContext ctx;
    final ReleaseHandle handle;

    ReleaseOperation(OperationContext ctx, ReleaseHandle handle) {
        this.ctx = ctx;
        this.handle = handle;
    }

    /**
     * The app's Lease, held under this operation's id; operations waiting for it are told
     * {@code "<action> of <app> by <actor><detail>"}.
     */
    ReleaseLease lease(String action, String actor, String detail) {
        return new ReleaseLease(ctx.client(), ctx.namespace(), ctx.app(), ctx.operationId(), action + " of "
                + ctx.app() + " by " + (actor == null ? "someone" : actor) + detail, ctx.clock());
    }

    /** Under the Lease: records an operation whose process died in flight as abandoned. */
    void abandonStale() {
        new Abandonment(ctx).recordStale();
    }

    /** Records that the operation in flight reached {@code phase}; returns it. */
    String setPhase(String phase) {
        ctx.history().update(x -> x.withCurrent(x.current() == null ? null : x.current().withPhase(phase)));
        return phase;
    }

    /** Retention after a successful switch: a failure there is a warning, the operation has succeeded. */
    void retire(ReleaseHistory done, int keep) {
        retire(done, keep, null);
    }

    /** The same with the app's releases as listed under the Lease ({@code null}: list them). */
    void retire(ReleaseHistory done, int keep, java.util.List<ReleaseInfo> releases) {
        try {
            new Retention(ctx).apply(done, keep, releases);
        } catch (RuntimeException e) {
            ctx.progress().line("warning: cannot retire older releases of " + ctx.appName() + ": "
                    + ApiErrors.oneLine(e.getMessage()) + "; the next deploy tries again");
        }
    }

    /**
     * A resume: holds the Lease again under the same id, then reads the history once more, since while this resume
     * waited another operation may have taken the expired Lease and finished the one {@code found} in flight
     * ({@code what} names it in the message then).
     */
    ReleaseHistory acquireToResume(ReleaseLease lease, Duration wait, ReleaseHistory.Operation found, String what) {
        lease.acquire(wait, ctx.progress());
        ReleaseHistory now = ctx.history().read();
        ReleaseHistory.Operation op = now.current();
        if (op == null || !op.id().equals(found.id())) {
            String outcome = now.entryOf(found.id()).map(e -> e.outcome() + (e.message() == null ? ""
                    : " (" + e.message() + ")")).orElse("replaced");
            throw new ReleaseException(what + " was finished by another operation while this resume"
                    + " waited for the Lease: " + outcome + "; nothing was changed. Run it again.");
        }
        return now;
    }
}
