package io.jenkins.plugins.kubernetesdelivery.engine.release;

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

    /** Finishes the operation in the history with {@code entry} (given the history), the pointers left as they are. */
    void record(Function<ReleaseHistory, ReleaseHistory.Entry> entry, RuntimeException cause) {
        try {
            ctx.history().update(x -> x.finish(entry.apply(x), x.live(), x.previous(), x.pin()));
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
