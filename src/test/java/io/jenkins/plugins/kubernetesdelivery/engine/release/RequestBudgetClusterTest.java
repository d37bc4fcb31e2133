package io.jenkins.plugins.kubernetesdelivery.engine.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.jenkins.plugins.kubernetesdelivery.testenv.TestNamespace;
import io.jenkins.plugins.kubernetesdelivery.testenv.Testenv;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Counts the API requests of a deploy and a warm rollback on testenv; prints them, asserts the mutating ones. */
@Tag("cluster")
class RequestBudgetClusterTest {

    @RegisterExtension
    TestNamespace ns = new TestNamespace();

    final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    KubernetesClient counted;

    @BeforeEach
    void countingClient() {
        Config config = Config.fromKubeconfig(null, Testenv.kubeconfigText(), Testenv.kubeconfig().toString());
        counted = new KubernetesClientBuilder().withConfig(config).withHttpClientBuilderConsumer(b ->
                b.addOrReplaceInterceptor("count", new Interceptor() {
                    @Override
                    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                        String path = request.uri().getPath().replace("/namespaces/" + ns.name(), "/namespaces/NS");
                        boolean watch = request.uri().getQuery() != null && request.uri().getQuery().contains("watch=true");
                        boolean dryRun = request.uri().getQuery() != null && request.uri().getQuery().contains("dryRun=All");
                        requests.computeIfAbsent((watch ? "WATCH" : dryRun ? "DRYRUN " + request.method()
                                : request.method()) + " " + path,
                                k -> new AtomicInteger()).incrementAndGet();
                    }
                })).build();
    }

    @AfterEach
    void close() {
        counted.close();
    }

    private int count(String key) {
        AtomicInteger n = requests.get(key);
        return n == null ? 0 : n.get();
    }

    private int mutating() {
        return requests.entrySet().stream().filter(e -> !e.getKey().startsWith("GET ")
                && !e.getKey().startsWith("WATCH ") && !e.getKey().startsWith("DRYRUN "))
                .mapToInt(e -> e.getValue().get()).sum();
    }

    private void print(String what) {
        int total = requests.values().stream().mapToInt(AtomicInteger::get).sum();
        System.out.println("MEASURED API requests of " + what + ": " + total + " (" + mutating() + " mutating)");
        new TreeMap<>(requests).forEach((k, v) -> System.out.println("  " + v + " " + k));
    }

    @Test
    void aDeployAndAWarmRollbackStayWithinTheirRequestBudget() {
        ClusterFixture f = new ClusterFixture(counted, ns.name());
        ReleaseEngine engine = new ReleaseEngine(counted, System.out::println, Clock.systemUTC());
        engine.deploy(f.request(1).build());
        requests.clear();
        engine.deploy(f.request(2).build());
        print("the second deploy");
        assertThat(count("PATCH /api/v1/namespaces/NS/services/web")).as("one switch").isEqualTo(1);
        assertThat(count("PATCH /apis/apps/v1/namespaces/NS/deployments/web-v2")).as("one apply").isEqualTo(1);
        assertThat(mutating()).isLessThanOrEqualTo(12);

        requests.clear();
        engine.rollback(new RollbackRequest("web", ns.name(), "previous", "bob", null));
        print("a warm rollback");
        assertThat(count("PATCH /api/v1/namespaces/NS/services/web")).as("one selector patch").isEqualTo(1);
        // the EndpointSlices of the Service are checked after the switch (audit D-6): one list, and a watch only
        // when the list does not show the target's pods yet
        assertThat(count("GET /apis/discovery.k8s.io/v1/namespaces/NS/endpointslices")).isEqualTo(1);
        assertThat(requests.keySet()).filteredOn(k -> k.startsWith("WATCH"))
                .isSubsetOf("WATCH /apis/discovery.k8s.io/v1/namespaces/NS/endpointslices");
        assertThat(count("WATCH /apis/discovery.k8s.io/v1/namespaces/NS/endpointslices")).isLessThanOrEqualTo(1);
        assertThat(mutating()).isLessThanOrEqualTo(6);
    }
}
