package io.jenkins.plugins.kubernetesdelivery.engine.release;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubernetesdelivery.engine.ProgressListener;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.Waits;
import java.time.Clock;

/**
 * What every part of one deploy or rollback works with: the cluster, the app in its namespace with its history, where
 * progress goes, the clock, and the id the operation is recorded under. The operation holds one; the helpers
 * ({@link Abandonment}, {@link Retention}, the failures) take it instead of its fields one by one.
 *
 * @param client the cluster
 * @param namespace the app's namespace
 * @param app the app
 * @param history the app's history ConfigMap
 * @param progress where progress lines go
 * @param clock the clock of every recorded time
 * @param operationId the operation's id: its Lease holder and its key in the history
 */
record OperationContext(
        KubernetesClient client,
        String namespace,
        String app,
        HistoryStore history,
        ProgressListener progress,
        Clock clock,
        String operationId) {

    static OperationContext of(
            KubernetesClient client,
            String namespace,
            String app,
            ProgressListener progress,
            Clock clock,
            String operationId) {
        return new OperationContext(
                client, namespace, app, new HistoryStore(client, namespace, app), progress, clock, operationId);
    }

    /** {@code <namespace>/<app>}, as messages name the app. */
    String appName() {
        return namespace + "/" + app;
    }

    /** Now, as the history records times. */
    String now() {
        return clock.instant().toString();
    }

    Waits waits() {
        return new Waits(client, progress);
    }

    Deployments deployments() {
        return new Deployments(client, namespace);
    }

    ServiceSwitcher switcher() {
        return new ServiceSwitcher(client, namespace);
    }
}
