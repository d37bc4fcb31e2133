package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
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
 *
 * <p>Every client of one server and settings, cached or not, sends through one shared {@link Transport} (one OkHttp
 * dispatcher and connection pool, one bounded set of fabric8 task threads): a client of its own costs no thread pool
 * and no connection of its own, and closing it closes its watches and informers, never the shared parts.
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

    private static final Transports TRANSPORTS = new Transports();

    /** A new client owned by the caller, who closes it: for operations that outlive a configuration change. */
    public static KubernetesClient open(ClusterConnection connection) {
        return open(ClusterConfigs.toConfig(connection));
    }

    /**
     * A new client for {@code config}, owned by the caller: its own configuration (namespace, user agent, timeouts),
     * watches and informers, over the transport shared by every client of the same server and settings, and the
     * serialization shared by every client. Watches are HTTP watches ({@code onlyHttpWatches}): they share the
     * transport's HTTP/2 connection, where a WebSocket watch opens a connection (and a TLS handshake) of its own.
     */
    public static KubernetesClient open(Config config) {
        return TRANSPORTS.open(
                new ConfigBuilder(config).withOnlyHttpWatches(true).build(), SERIALIZATION);
    }

    /** The dispatcher limits and task threads every client's transport has, for benchmarks and diagnostics. */
    public static String transportLimits() {
        return "maxRequests " + Transport.MAX_REQUESTS + ", maxRequestsPerHost " + Transport.MAX_REQUESTS
                + " (shared by the clients of a connection), task threads " + Transport.TASK_THREADS;
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
