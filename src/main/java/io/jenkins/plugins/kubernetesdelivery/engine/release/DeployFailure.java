package io.jenkins.plugins.kubernetesdelivery.engine.release;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.kubernetesdelivery.engine.ProgressListener;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ApiErrors;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.Interrupts;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseHistory.Outcome;
import io.jenkins.plugins.kubernetesdelivery.engine.release.render.RenderedRelease;
import java.time.Clock;
import java.util.List;

/**
 * A deploy that failed before or during the switch: Services already pointing at the new release are switched
 * back, so the live release keeps serving; the new one goes to 0 and is recorded failed.
 */
final class DeployFailure {

    private final KubernetesClient client;
    private final ProgressListener progress;
    private final Clock clock;
    private final HistoryStore history;
    private final ReleaseRequest req;
    private final String ns;

    DeployFailure(KubernetesClient client, ProgressListener progress, Clock clock, HistoryStore history,
            ReleaseRequest req) {
        this.client = client;
        this.progress = progress;
        this.clock = clock;
        this.history = history;
        this.req = req;
        this.ns = req.namespace();
    }

    /** Cleans up after {@code cause} (with the interrupt flag cleared) and returns the exception to throw. */
    ReleaseException handle(ReleaseHistory.Operation op, RenderedRelease r, RuntimeException cause,
            List<String> created) {
        return Interrupts.supplyCleared(() -> cleanUp(op, r, cause, created));
    }

    private ReleaseException cleanUp(ReleaseHistory.Operation op, RenderedRelease r, RuntimeException cause,
            List<String> created) {
        String message = ReleaseOperation.failureMessage(cause);
        List<String> stuck;
        try {
            stuck = new ServiceSwitcher(client, ns).revert(req.app(), op.release(), op.from(), cause);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
            stuck = List.of("(cannot list the Services)");
        }
        if (stuck.isEmpty()) {
            for (GenericKubernetesResource d : r.deployments()) {
                scaleToZero(d.getMetadata().getName(), message, cause);
            }
        }
        String partly = stuck.isEmpty() ? "" : "; Services " + String.join(", ", stuck) + " still select "
                + op.release() + " (switching them back failed), so it keeps running: roll back or deploy again";
        String left = created.isEmpty() ? "" : "; shared objects created by this deploy are left in place: "
                + String.join(", ", created);
        try {
            history.update(x -> x.finish(ReleaseHistory.Entry.deploy(op, r.metadata(), Outcome.FAILED,
                    message + partly, clock.instant().toString(), req.unpin(), x.live(), x.previous()), x.live(),
                    x.previous(), x.pin()));
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
        progress.line(ns + "/" + req.app() + " " + op.release() + " failed; "
                + (op.from() == null ? "no release was live" : op.from() + " stays live"));
        return new ReleaseException(ns + "/" + req.app() + " " + op.release()
                + " failed before the switch: " + message + "; " + (op.from() == null ? "no release was live"
                : op.from() + " stays live and serving") + (stuck.isEmpty() ? ", " + op.release()
                + " is scaled to 0" : partly) + left, cause);
    }

    /** Marks the Deployment failed and scales it to 0; the controller writes its status meanwhile, so 409s retry. */
    private void scaleToZero(String deployment, String message, RuntimeException cause) {
        for (int attempt = 1; ; attempt++) {
            try {
                var dep = client.apps().deployments().inNamespace(ns).withName(deployment);
                if (dep.get() != null) {
                    dep.edit(x -> {
                        x.getMetadata().getAnnotations().put(ReleaseLabels.FAILURE, ApiErrors.oneLine(message));
                        x.getSpec().setReplicas(0);
                        return x;
                    });
                }
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt >= 3) {
                    cause.addSuppressed(e);
                    return;
                }
            }
        }
    }
}
