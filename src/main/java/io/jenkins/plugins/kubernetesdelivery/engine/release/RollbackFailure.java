package io.jenkins.plugins.kubernetesdelivery.engine.release;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.Interrupts;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseHistory.Outcome;
import java.util.List;

/**
 * A rollback that failed: Services already switched go back to the release that was live, a cold target goes back to
 * 0, and the rollback is recorded failed (the app is not pinned).
 */
final class RollbackFailure extends OperationFailure {

    private final String reason;

    /** The failure of a rollback of {@code ctx}'s app; {@code reason} is what its history entry records as reason. */
    RollbackFailure(OperationContext ctx, String reason) {
        super(ctx);
        this.reason = reason;
    }

    /** Cleans up after {@code cause} (with the interrupt flag cleared) and returns the exception to throw. */
    ReleaseException handle(ReleaseHistory.Operation op, ReleaseInfo target, boolean cold, RuntimeException cause) {
        return Interrupts.supplyCleared(() -> cleanUp(op, target, cold, cause));
    }

    private ReleaseException cleanUp(
            ReleaseHistory.Operation op, ReleaseInfo target, boolean cold, RuntimeException cause) {
        String message = reason(cause);
        String lost = lostTo();
        if (lost != null) {
            return lost("rollback to " + target.release(), message, lost, cause);
        }
        List<String> stuck = op.from() == null ? List.of() : switchBack(target.release(), op.from(), cause);
        if (cold && stuck.isEmpty()) {
            for (Deployment d :
                    ReleaseInventory.deployments(ctx.client(), ctx.namespace(), ctx.app(), target.release())) {
                try {
                    ctx.deployments().scale(d.getMetadata().getName(), 0);
                } catch (RuntimeException e) {
                    cause.addSuppressed(e);
                }
            }
        }
        String partly = stuck.isEmpty()
                ? ""
                : "; Services " + String.join(", ", stuck) + " still select " + target.release()
                        + " (switching them back failed)";
        record(
                x -> ReleaseHistory.Entry.rollback(
                        op, null, Outcome.FAILED, message + partly, ctx.now(), reason, x.live(), x.previous()),
                cause);
        ctx.progress()
                .line("the rollback of " + ctx.appName() + " to " + target.release() + " failed; "
                        + (op.from() == null ? "no release was live" : op.from() + " stays live"));
        return new ReleaseException(
                ctx.appName() + " rollback to " + target.release() + " failed: " + message
                        + "; " + (op.from() == null ? "no release was live" : op.from() + " stays live")
                        + (cold && stuck.isEmpty() ? ", " + target.release() + " is scaled to 0 again" : "") + partly,
                cause);
    }
}
