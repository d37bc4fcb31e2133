package io.jenkins.plugins.kubernetesdelivery.engine.release;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.Interrupts;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseHistory.Outcome;
import io.jenkins.plugins.kubernetesdelivery.engine.release.render.RenderedRelease;
import java.util.List;

/**
 * A deploy that failed before or during the switch: Services already pointing at the new release are switched
 * back, so the live release keeps serving; the new one goes to 0 and is recorded failed.
 */
final class DeployFailure extends OperationFailure {

    private final boolean unpin;

    /** The failure of a deploy of {@code ctx}'s app; {@code unpin} as the request said, for its history entry. */
    DeployFailure(OperationContext ctx, boolean unpin) {
        super(ctx);
        this.unpin = unpin;
    }

    /** Cleans up after {@code cause} (with the interrupt flag cleared) and returns the exception to throw. */
    ReleaseException handle(
            ReleaseHistory.Operation op, RenderedRelease r, RuntimeException cause, List<String> created) {
        return Interrupts.supplyCleared(() -> cleanUp(op, r, cause, created));
    }

    private ReleaseException cleanUp(
            ReleaseHistory.Operation op, RenderedRelease r, RuntimeException cause, List<String> created) {
        String message = reason(cause);
        String lost = lostTo();
        if (lost != null) {
            return lost(op.release(), message, lost, cause);
        }
        List<String> stuck = switchBack(op.release(), op.from(), cause);
        if (stuck.isEmpty()) {
            for (GenericKubernetesResource d : r.deployments()) {
                try {
                    ctx.deployments().retire(d.getMetadata().getName(), message);
                } catch (KubernetesClientException e) {
                    cause.addSuppressed(e);
                }
            }
        }
        if (stuck.isEmpty() && op.from() != null) {
            try {
                for (String preview : ctx.switcher().resetPreviews(ctx.app(), op.release(), cause)) {
                    ctx.progress()
                            .line("Service " + ctx.namespace() + "/" + preview + " previews " + op.from() + " again");
                }
            } catch (RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
        String partly = stuck.isEmpty()
                ? ""
                : "; Services " + String.join(", ", stuck) + " still select " + op.release()
                        + " (switching them back failed), so it keeps running: roll back or deploy again";
        String left = created.isEmpty()
                ? ""
                : "; shared objects created by this deploy are left in place: " + String.join(", ", created);
        record(
                x -> ReleaseHistory.Entry.deploy(
                        op, r.metadata(), Outcome.FAILED, message + partly, ctx.now(), unpin, x.live(), x.previous()),
                cause);
        ctx.progress()
                .line(ctx.appName() + " " + op.release() + " failed; "
                        + (op.from() == null ? "no release was live" : op.from() + " stays live"));
        return new ReleaseException(
                ctx.appName() + " " + op.release() + " failed before the switch: " + message
                        + "; " + (op.from() == null ? "no release was live" : op.from() + " stays live and serving")
                        + (stuck.isEmpty() ? ", " + op.release() + " is scaled to 0" : partly) + left,
                cause);
    }
}
