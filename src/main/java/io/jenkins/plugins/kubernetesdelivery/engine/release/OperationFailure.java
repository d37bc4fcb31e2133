package io.jenkins.plugins.kubernetesdelivery.engine.release;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.function.Function;

/**
 * What the failure paths of a deploy ({@link DeployFailure}) and a rollback ({@link RollbackFailure}) share: the
 * reason they report, switching the app's Services back, and recording the failure. They run with the interrupt flag
 * cleared (an abort is a failure like any other), and add every error of their own clean-up to the cause.
 */
abstract class OperationFailure {

    final OperationContext ctx;

    OperationFailure(OperationContext ctx) {
        this.ctx = ctx;
    }

    /** The reason a failed operation reports, on one line: the cause's reason, or that the step was aborted. */
    static String reason(RuntimeException cause) {
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
            if (c instanceof InterruptedException || c instanceof InterruptedIOException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Points the app's Services that select {@code failed} back at {@code back}; returns those still selecting it
     * because that failed (or a placeholder when the Services cannot even be listed).
     */
    List<String> switchBack(String failed, String back, RuntimeException cause) {
        try {
            return ctx.switcher().revert(ctx.app(), failed, back, cause);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
            return List.of("(cannot list the Services)");
        }
    }

    /**
     * Finishes the operation in the history with {@code entry} (given the history), the pointers left as they are;
     * nothing is written when the history no longer shows this operation in flight (another one took over).
     */
    void record(Function<ReleaseHistory, ReleaseHistory.Entry> entry, RuntimeException cause) {
        try {
            ctx.history()
                    .update(x -> x.current() == null || !x.current().id().equals(ctx.operationId())
                            ? x
                            : x.finish(entry.apply(x), x.live(), x.previous(), x.pin()));
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * Why this operation no longer owns the app, or null when it does: another operation holds the Lease, or the
     * history shows another one (or none) in flight. Then its clean-up would undo or overwrite what the new holder
     * does, so it changes nothing more. When neither can be read, null: the clean-up goes ahead, and its history write
     * is still a compare-and-set that checks the operation in flight.
     */
    String lostTo() {
        try {
            Lease l = ctx.client()
                    .leases()
                    .inNamespace(ctx.namespace())
                    .withName(ReleaseLease.name(ctx.app()))
                    .get();
            String h = l == null || l.getSpec() == null ? null : l.getSpec().getHolderIdentity();
            if (h != null && !h.isEmpty() && !h.equals(ctx.operationId())) {
                return ReleaseLease.heldBy(l) + " holds it";
            }
            ReleaseHistory.Operation current = ctx.history().read().current();
            if (current == null || !current.id().equals(ctx.operationId())) {
                return "the history shows " + (current == null ? "no operation" : "operation " + current.id())
                        + " in flight";
            }
            return null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The exception of an operation that failed after losing the app to {@code who}: nothing was cleaned up. */
    ReleaseException lost(String release, String message, String who, RuntimeException cause) {
        ctx.progress()
                .line(ctx.appName() + " " + release + " failed after losing its Lease; left to the operation"
                        + " holding it now");
        return new ReleaseException(
                ctx.appName() + " " + release + " failed (" + message + ") and lost the Lease "
                        + ctx.namespace() + "/" + ReleaseLease.name(ctx.app()) + ": " + who
                        + "; nothing more is changed by"
                        + " this operation, the one holding the Lease records or undoes it. Check the app's history, then"
                        + " run again.",
                cause);
    }
}
