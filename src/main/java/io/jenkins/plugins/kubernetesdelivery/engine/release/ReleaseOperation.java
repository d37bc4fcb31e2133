package io.jenkins.plugins.kubernetesdelivery.engine.release;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ApiErrors;
import java.time.Duration;
import java.util.function.Supplier;

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

    /** The pause before the second attempt of the final history write; later ones wait longer. */
    static final Duration FINAL_WRITE_PAUSE = Duration.ofSeconds(1);

    /** Whether {@code op} is still the operation in flight in {@code h} (a retried final write may have landed). */
    static boolean inFlight(ReleaseHistory h, ReleaseHistory.Operation op) {
        return h.current() != null && h.current().id().equals(op.id());
    }

    /**
     * The final history write of an operation whose switch landed: when it fails even after its retries, the release
     * stays live (nothing is undone) and the exception says so; the next operation on the app records it as live.
     */
    ReleaseHistory recordLive(ReleaseHistory.Operation op, Supplier<ReleaseHistory> write) {
        try {
            return write.get();
        } catch (DeliveryException | KubernetesClientException e) {
            String why = e instanceof KubernetesClientException k ? ApiErrors.reason(k) : e.getMessage();
            throw new ReleaseException(ctx.appName() + " " + op.release() + " is live (its Services were switched),"
                    + " but recording it in the history failed: " + why + ". Nothing was undone: the next"
                    + " deploy or rollback of the app records " + op.release() + " as live.", e);
        }
    }

    /** Retention after a successful switch: a failure there is a warning, the operation has succeeded. */
    void retire(ReleaseHistory done, int keep) {
        try {
            new Retention(ctx).apply(done, keep);
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
