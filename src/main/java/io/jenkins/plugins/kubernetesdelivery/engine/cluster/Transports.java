package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@link Transport}s of the process, one per server and settings ({@link TransportKey}): every client of a
 * cluster connection shares its dispatcher, connection pool and task threads, whatever namespace or user agent it
 * uses. When a server's settings change (new credentials, another CA), the next client gets a new transport and the
 * old one is retired: clients already open over it keep working, and it is closed with the last of them.
 */
final class Transports {

    private final Map<TransportKey, Transport> byKey = new HashMap<>();
    private final Map<String, Transport> latestByServer = new HashMap<>();

    /** A new client over the transport of {@code config}'s key, retiring the server's previous one if it differs. */
    synchronized KubernetesClient open(Config config, KubernetesSerialization serialization) {
        return transport(config).open(config, serialization);
    }

    /** The transport of {@code config}'s key, made if there is none. */
    synchronized Transport transport(Config config) {
        TransportKey key = TransportKey.of(config);
        Transport t = byKey.get(key);
        if (t == null) {
            t = new Transport(key, config);
            byKey.put(key, t);
        }
        Transport previous = latestByServer.put(String.valueOf(key.server()), t);
        if (previous != null && previous != t) {
            byKey.remove(previous.key());
            previous.retire();
        }
        return t;
    }

    /** How many transports are kept. */
    synchronized int size() {
        return byKey.size();
    }
}
