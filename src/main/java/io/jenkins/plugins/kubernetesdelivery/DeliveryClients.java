package io.jenkins.plugins.kubernetesdelivery;

import hudson.AbortException;
import hudson.model.Run;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ClusterClients;
import java.util.Set;

/**
 * Clients of the configured clusters. Short calls (run views, forms) share one cached client per cluster, rebuilt
 * when its settings or resolved credentials change and closed when the cluster leaves the configuration; a build's
 * long operation takes a client of its own with {@link #openForRun}. Either way the clients of one cluster share one
 * transport (dispatcher, connection pool, task threads; see {@link ClusterClients}): a client of its own costs no
 * thread pool or connection of its own.
 */
public final class DeliveryClients {

    private static final ClusterClients CLIENTS = new ClusterClients();

    private DeliveryClients() {}

    /** The shared client cache, for short calls only: a configuration change closes its clients. */
    public static ClusterClients get() {
        return CLIENTS;
    }

    /**
     * A client of its own for a build's long operation, with credentials resolved for (and recorded on) the build;
     * the caller closes it. No configuration change closes it under a running deploy or bake.
     */
    public static KubernetesClient openForRun(KubernetesCluster cluster, Run<?, ?> run) throws AbortException {
        try {
            return ClusterClients.open(ClusterConnections.resolve(cluster, run));
        } catch (DeliveryException e) {
            throw new AbortException(Messages.DeliveryClients_CannotConnect(cluster.getName(), e.getMessage()));
        }
    }

    /**
     * A client of its own for a step's long operation on {@code target}, as
     * {@link #openForRun(KubernetesCluster, Run)}; its default namespace ({@code client.getNamespace()}) is the
     * target's, or the credentials' default when the target names none. The caller closes it.
     */
    public static KubernetesClient openForRun(Target target, Run<?, ?> run) throws AbortException {
        try {
            return ClusterClients.open(ClusterConnections.resolve(target, run));
        } catch (DeliveryException e) {
            throw new AbortException(
                    Messages.DeliveryClients_CannotConnect(target.cluster().getName(), e.getMessage()));
        }
    }

    /** Closes the clients of clusters that are no longer configured. */
    static void retainOnly(Set<String> clusterNames) {
        CLIENTS.retainOnly(clusterNames);
    }
}
