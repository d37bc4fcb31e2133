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
        ReleaseLease lease = new ReleaseLease(
                ctx.client(),
                ctx.namespace(),
                ctx.app(),
                ctx.operationId(),
                action + " of " + ctx.app() + " by " + (actor == null ? "someone" : actor) + detail,
                ctx.clock());
        lease.leaving(ctx.history()::version, () -> ctx.history().recorded(ctx.operationId()));
        return lease;
    }

    /**
     * Under the Lease: records an operation whose process died in flight as abandoned, whether the history or the
     * Lease (as {@code lease} found it at the take) records it in flight.
     */
    void abandonStale(ReleaseLease lease) {
        ReleaseHistory.Operation onLease = lease.stale();
        if (onLease != null) {
            ctx.history().inFlightOnLease(onLease);
        }
        new Abandonment(ctx).recordStale();
        if (onLease != null) {
            ctx.history().inFlightOnLease(null);
            lease.staleSettled();
        }
    }

    /** Records that this operation reached {@code phase}; returns it. Fails if it is no longer the one in flight. */
    String setPhase(String phase) {
        ctx.history()
                .update(x -> x.withCurrent(ours(x, "recording phase " + phase).withPhase(phase)));
        return phase;
    }

    /** The pause before the second attempt of the final history write; later ones wait longer. */
    static final Duration FINAL_WRITE_PAUSE = Duration.ofSeconds(1);

    /**
     * Whether the final write of {@code op} already landed in {@code h} (an attempt that failed on the client's side
     * after the server took it): {@code op} is no longer in flight and its entry is there.
     */
    static boolean landed(ReleaseHistory h, ReleaseHistory.Operation op) {
        boolean inFlight = h.current() != null && h.current().id().equals(op.id());
        return !inFlight && h.entryOf(op.id()).isPresent();
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
            throw new ReleaseException(
                    ctx.appName() + " " + op.release() + " is live (its Services were switched),"
                            + " but recording it in the history failed: " + why + ". Nothing was undone: the next"
                            + " deploy or rollback of the app records " + op.release() + " as live.",
                    e);
        }
    }

    /**
     * This operation as the history shows it in flight; fails when another operation (or none) is: it lost the
     * Lease, and the history belongs to the new holder (inside a history update, the write does not happen).
     */
    ReleaseHistory.Operation ours(ReleaseHistory x, String before) {
        ReleaseHistory.Operation op = x.current();
        if (op == null || !op.id().equals(ctx.operationId())) {
            throw new ReleaseException(ctx.appName() + " lost the Lease " + ctx.namespace() + "/"
                    + ReleaseLease.name(ctx.app()) + " before " + before + ": the history shows "
                    + (op == null ? "no operation" : "operation " + op.id()) + " in flight; nothing more is changed"
                    + " by this operation. Check the app's history, then run again.");
        }
        return op;
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
            ctx.progress()
                    .line("warning: cannot retire older releases of " + ctx.appName() + ": "
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
        if (lease.carried() != null && lease.carried().id().equals(found.id())) {
            // recorded in flight on the Lease, not in the history (a warm rollback)
            ctx.history().inFlightOnLease(lease.carried());
        }
        ReleaseHistory now = ctx.history().read();
        ReleaseHistory.Operation op = now.current();
        if (op == null || !op.id().equals(found.id())) {
            String outcome = now.entryOf(found.id())
                    .map(e -> e.outcome() + (e.message() == null ? "" : " (" + e.message() + ")"))
                    .orElse("replaced");
            throw new ReleaseException(what + " was finished by another operation while this resume"
                    + " waited for the Lease: " + outcome + "; nothing was changed. Run it again.");
        }
        return now;
    }
}
