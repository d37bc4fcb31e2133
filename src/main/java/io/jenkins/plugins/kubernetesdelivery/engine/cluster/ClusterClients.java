package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One fabric8 client per cluster connection, built on first use and reused after, for short calls (form checks,
 * listing releases). A connection whose settings or credentials changed gets a new client, and the old one is
 * closed; so is an evicted one. Long operations (a deploy, a bake) take a client of their own with
 * {@link #open(ClusterConnection)}, which no configuration change closes under them.
 */
public final class ClusterClients implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(ClusterClients.class.getName());

    private record Entry(ClusterConnection connection, KubernetesClient client) {}

    private final Map<String, Entry> clients = new HashMap<>();

    /** The client for this connection, keyed by its name. */
    public synchronized KubernetesClient get(ClusterConnection connection) {
        Entry e = clients.get(connection.name());
        if (e != null && e.connection().equals(connection)) {
            return e.client();
        }
        KubernetesClient client = open(connection);
        clients.put(connection.name(), new Entry(connection, client));
        if (e != null) {
            closeQuietly(e);
        }
        return client;
    }

    /**
     * One serialization for every client: fabric8 otherwise gives each client a Jackson mapper of its own, which
     * builds its (de)serializers again on first use of each type, so each step's new client paid that warm-up.
     */
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /** A new client owned by the caller, who closes it: for operations that outlive a configuration change. */
    public static KubernetesClient open(ClusterConnection connection) {
        return open(ClusterConfigs.toConfig(connection));
    }

    /** A new client for {@code config}, sharing the serialization of every other client. */
    public static KubernetesClient open(Config config) {
        return new KubernetesClientBuilder()
                .withConfig(config)
                .withKubernetesSerialization(SERIALIZATION)
                .build();
    }

    /** Closes and forgets the client of the named connection, if there is one. */
    public synchronized void evict(String name) {
        Entry e = clients.remove(name);
        if (e != null) {
            closeQuietly(e);
        }
    }

    /** Closes and forgets the clients of connections not in {@code keep}. */
    public synchronized void retainOnly(Set<String> keep) {
        for (String name : List.copyOf(clients.keySet())) {
            if (!keep.contains(name)) {
                evict(name);
            }
        }
    }

    /** How many clients are open. */
    public synchronized int size() {
        return clients.size();
    }

    /** Asks the API server for its version: the cheapest call that proves reachability and credentials. */
    public String serverVersion(ClusterConnection connection) {
        VersionInfo v = get(connection).getKubernetesVersion();
        return v.getGitVersion();
    }

    @Override
    public synchronized void close() {
        clients.values().forEach(ClusterClients::closeQuietly);
        clients.clear();
    }

    private static void closeQuietly(Entry e) {
        try {
            e.client().close();
        } catch (RuntimeException x) {
            LOGGER.log(Level.FINE, "closing the client of " + e.connection().name(), x);
        }
    }
}
