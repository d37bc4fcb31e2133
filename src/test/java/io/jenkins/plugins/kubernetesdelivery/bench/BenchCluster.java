package io.jenkins.plugins.kubernetesdelivery.bench;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ClusterClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The bench's testenv: a client per operation, named by its user agent ({@code kd-bench/<namespace>/<operation>}), as a step
 * builds one per run, so that the API server's audit log tells each operation's requests apart; and an observer
 * client (user agent {@code kd-bench-observer}) for the clocks and the set-up, whose requests are not counted.
 */
final class BenchCluster implements AutoCloseable {

    static final String UA = "kd-bench/";

    private final Path kubeconfig;
    private final String kubeconfigText;
    final KubernetesClient observer;
    final String namespace;

    BenchCluster(Path kubeconfig) {
        this.kubeconfig = kubeconfig;
        try {
            this.kubeconfigText = Files.readString(kubeconfig);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.observer = client("kd-bench-observer");
        this.namespace = "bench-" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        observer.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(namespace)
                        .endMetadata()
                        .build())
                .create();
        observer.serviceAccounts()
                .inNamespace(namespace)
                .withName("default")
                .waitUntilCondition(sa -> sa != null, 60, TimeUnit.SECONDS);
    }

    /** A new client whose requests the audit log records under {@code userAgent}. */
    KubernetesClient client(String userAgent) {
        Config config = Config.fromKubeconfig(null, kubeconfigText, kubeconfig.toString());
        config.setUserAgent(userAgent);
        return ClusterClients.open(config); // as the steps build theirs
    }

    /** The user agent of one measured operation: {@code kd-bench/<namespace>/<name>}, unique to this run. */
    String agent(String name) {
        return UA + namespace + "/" + name;
    }

    /** The client of one measured operation. */
    KubernetesClient operation(String name) {
        return client(agent(name));
    }

    @Override
    public void close() {
        observer.namespaces().withName(namespace).delete();
        observer.close();
    }
}
