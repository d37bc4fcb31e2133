package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.impl.KubernetesClientImpl;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientImpl;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.jenkins.plugins.kubernetesdelivery.testenv.TestNamespace;
import io.jenkins.plugins.kubernetesdelivery.testenv.Testenv;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Clients of one connection share one transport (OkHttp dispatcher, connection pool, task executor); closing one
 * leaves the others working; a changed connection gets a new transport while the old one serves its open clients.
 */
@Tag("cluster")
class TransportsClusterTest {

    @RegisterExtension
    TestNamespace ns = new TestNamespace();

    /** The label of this test's ConfigMaps (every namespace also has kube-root-ca.crt). */
    private static final String LABEL = "kd-test";

    private final Transports transports = new Transports();
    private final KubernetesSerialization serialization = new KubernetesSerialization();
    private final List<KubernetesClient> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(KubernetesClient::close);
    }

    private static Config config(String namespace, String userAgent) {
        Config c = Config.fromKubeconfig(
                null, Testenv.kubeconfigText(), Testenv.kubeconfig().toString());
        c.setNamespace(namespace);
        c.setUserAgent(userAgent);
        return c;
    }

    private KubernetesClient open(Config config) {
        KubernetesClient c = transports.open(config, serialization);
        opened.add(c);
        return c;
    }

    private static OkHttpClient okHttp(KubernetesClient c) {
        OperationHttpClient view = (OperationHttpClient) c.getHttpClient();
        return ((OkHttpClientImpl) view.delegate()).getOkHttpClient();
    }

    private static ConfigMap configMap(String name) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels(LABEL, "true")
                .endMetadata()
                .addToData("k", "v")
                .build();
    }

    /** A watch of the test namespace's ConfigMaps whose events land in the returned queue. */
    private static BlockingQueue<String> watchConfigMaps(KubernetesClient c, String namespace, List<Watch> watches) {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        watches.add(c.configMaps().inNamespace(namespace).withLabel(LABEL).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, ConfigMap resource) {
                events.add(action + " " + resource.getMetadata().getName());
            }

            @Override
            public void onClose() {
                events.add("closed");
            }

            @Override
            public void onClose(WatcherException cause) {
                events.add("closed: " + cause.getMessage());
            }
        }));
        return events;
    }

    @Test
    void connectionsSendWithoutWaitingForTheServersAcknowledgement() throws Exception {
        // Nagle's algorithm held a request behind the unacknowledged frame that closed a watch: ~40 ms each, twice
        // per warm rollback (the server's delayed ACK)
        KubernetesClient a = open(config(ns.name(), "kd-test/a"));
        try (java.net.Socket s = okHttp(a).socketFactory().createSocket()) {
            assertThat(s.getTcpNoDelay()).as("TCP_NODELAY").isTrue();
        }
        assertThat(a.configMaps().inNamespace(ns.name()).list().getItems())
                .as("requests go through it")
                .isNotEmpty();
    }

    @Test
    void clientsOfOneConnectionShareTheDispatcherPoolAndTaskExecutorButNotTheirSettings() {
        KubernetesClient a = open(config(ns.name(), "kd-test/a"));
        KubernetesClient b = open(config("other", "kd-test/b"));
        assertThat(okHttp(a).dispatcher()).isSameAs(okHttp(b).dispatcher());
        assertThat(okHttp(a).connectionPool()).isSameAs(okHttp(b).connectionPool());
        assertThat(((KubernetesClientImpl) a).getExecutor()).isSameAs(((KubernetesClientImpl) b).getExecutor());
        assertThat(okHttp(a).dispatcher().getMaxRequestsPerHost()).isEqualTo(Transport.MAX_REQUESTS);
        assertThat(a.getNamespace()).isEqualTo(ns.name());
        assertThat(b.getNamespace()).isEqualTo("other");
        assertThat(a.getConfiguration().getUserAgent()).isEqualTo("kd-test/a");
        assertThat(transports.size()).isEqualTo(1);
    }

    @Test
    void manyClientsAddNoThreadPoolOfTheirOwn() {
        List<KubernetesClient> clients = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            KubernetesClient c = open(config(ns.name(), "kd-test/many-" + i));
            assertThat(c.configMaps()
                            .inNamespace(ns.name())
                            .withLabel(LABEL)
                            .list()
                            .getItems())
                    .isEmpty();
            clients.add(c);
        }
        assertThat(clients)
                .extracting(c -> ((KubernetesClientImpl) c).getExecutor())
                .as("one task executor")
                .containsOnly(((KubernetesClientImpl) clients.get(0)).getExecutor());
        assertThat(clients)
                .extracting(c -> okHttp(c).dispatcher().executorService())
                .as("one dispatcher executor")
                .containsOnly(okHttp(clients.get(0)).dispatcher().executorService());
        assertThat(okHttp(clients.get(0)).connectionPool().connectionCount())
                .as("sequential requests reuse the connection")
                .isEqualTo(1);
    }

    @Test
    void closingOneClientLeavesTheOthersWatchAndRequestsWorking() throws Exception {
        KubernetesClient closing = open(config(ns.name(), "kd-test/closing"));
        KubernetesClient staying = open(config(ns.name(), "kd-test/staying"));
        List<Watch> watches = new ArrayList<>();
        BlockingQueue<String> ofClosing = watchConfigMaps(closing, ns.name(), watches);
        BlockingQueue<String> ofStaying = watchConfigMaps(staying, ns.name(), watches);
        staying.configMaps()
                .inNamespace(ns.name())
                .resource(configMap("before"))
                .create();
        assertThat(ofStaying.poll(30, TimeUnit.SECONDS)).isEqualTo("ADDED before");
        assertThat(ofClosing.poll(30, TimeUnit.SECONDS)).isEqualTo("ADDED before");

        closing.close();
        assertThat(ofClosing.poll(30, TimeUnit.SECONDS))
                .as("the closed client's own watch is closed")
                .startsWith("closed");
        assertThat(((OperationHttpClient) closing.getHttpClient()).openCalls()).isZero();
        assertThatThrownBy(() -> closing.configMaps()
                        .inNamespace(ns.name())
                        .withLabel(LABEL)
                        .list())
                .as("the closed client refuses requests")
                .isInstanceOf(RuntimeException.class);

        staying.configMaps().inNamespace(ns.name()).resource(configMap("after")).create();
        assertThat(ofStaying.poll(30, TimeUnit.SECONDS)).isEqualTo("ADDED after");
        assertThat(staying.configMaps().inNamespace(ns.name()).withName("after").get())
                .isNotNull();
        assertThat(okHttp(staying).dispatcher().executorService().isShutdown()).isFalse();
        watches.forEach(Watch::close);
    }

    @Test
    void aChangedConnectionGetsANewTransportAndTheOldOneServesItsClientsUntilTheLastIsClosed() throws Exception {
        KubernetesClient old = open(config(ns.name(), "kd-test/old"));
        List<Watch> watches = new ArrayList<>();
        BlockingQueue<String> events = watchConfigMaps(old, ns.name(), watches);
        Transport before = transports.transport(config(ns.name(), "kd-test/probe"));

        Config changed = config(ns.name(), "kd-test/new");
        changed.setConnectionTimeout(changed.getConnectionTimeout() + 1); // other settings, the same server
        KubernetesClient fresh = open(changed);
        assertThat(okHttp(fresh).dispatcher()).isNotSameAs(okHttp(old).dispatcher());
        assertThat(transports.size()).as("the old transport is retired").isEqualTo(1);
        assertThat(before.isClosed()).as("still used by a client").isFalse();

        fresh.configMaps()
                .inNamespace(ns.name())
                .resource(configMap("seen-by-old"))
                .create();
        assertThat(events.poll(30, TimeUnit.SECONDS)).isEqualTo("ADDED seen-by-old");
        assertThat(old.configMaps()
                        .inNamespace(ns.name())
                        .withName("seen-by-old")
                        .get())
                .isNotNull();

        watches.forEach(Watch::close);
        old.close();
        assertThat(before.isClosed()).as("closed with its last client").isTrue();
        assertThat(okHttp(old).dispatcher().executorService().isShutdown()).isTrue();
        assertThat(fresh.configMaps()
                        .inNamespace(ns.name())
                        .withLabel(LABEL)
                        .list()
                        .getItems())
                .hasSize(1);
    }

    @Test
    void theTransportOfTheCurrentSettingsStaysWhenItsClientsAreClosed() {
        KubernetesClient first = open(config(ns.name(), "kd-test/first"));
        Transport t = transports.transport(config(ns.name(), "kd-test/probe"));
        first.close();
        assertThat(t.isClosed()).isFalse();
        KubernetesClient second = open(config(ns.name(), "kd-test/second"));
        assertThat(okHttp(second).dispatcher()).isSameAs(okHttp(first).dispatcher());
        assertThat(second.configMaps()
                        .inNamespace(ns.name())
                        .withLabel(LABEL)
                        .list()
                        .getItems())
                .isEmpty();
    }
}
