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
        Config config = Config.fromKubeconfig(
                null, Testenv.kubeconfigText(), Testenv.kubeconfig().toString());
        counted = new KubernetesClientBuilder()
                .withConfig(config)
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("count", new Interceptor() {
                    @Override
                    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                        String path = request.uri().getPath().replace("/namespaces/" + ns.name(), "/namespaces/NS");
                        boolean watch = request.uri().getQuery() != null
                                && request.uri().getQuery().contains("watch=true");
                        boolean dryRun = request.uri().getQuery() != null
                                && request.uri().getQuery().contains("dryRun=All");
                        requests.computeIfAbsent(
                                        (watch ? "WATCH" : dryRun ? "DRYRUN " + request.method() : request.method())
                                                + " " + path,
                                        k -> new AtomicInteger())
                                .incrementAndGet();
                    }
                }))
                .build();
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
        return requests.entrySet().stream()
                .filter(e -> !e.getKey().startsWith("GET ")
                        && !e.getKey().startsWith("WATCH ")
                        && !e.getKey().startsWith("DRYRUN "))
                .mapToInt(e -> e.getValue().get())
                .sum();
    }

    private int beyondWatches() {
        return requests.entrySet().stream()
                .filter(e -> !e.getKey().startsWith("WATCH "))
                .mapToInt(e -> e.getValue().get())
                .sum();
    }

    private void print(String what) {
        System.out.println("MEASURED API requests of " + what + ": " + beyondWatches() + " beyond watches ("
                + mutating() + " mutating)");
        new TreeMap<>(requests).forEach((k, v) -> System.out.println("  " + v + " " + k));
    }

    static final String HISTORY = "/api/v1/namespaces/NS/configmaps/web-releases";
    static final String LEASE = "/apis/coordination.k8s.io/v1/namespaces/NS/leases/web-delivery";

    /**
     * The request budget of issue 10, counted by the client (the shared testenv has no audit log; bench/run counts
     * the same operations from the API server's audit log and finds the same numbers). Counts are deterministic.
     */
    @Test
    void aDeployAndAWarmRollbackStayWithinTheirRequestBudget() {
        ClusterFixture f = new ClusterFixture(counted, ns.name());
        ReleaseEngine engine = new ReleaseEngine(counted, System.out::println, Clock.systemUTC());
        engine.deploy(f.request(1).build());
        requests.clear();
        engine.deploy(f.request(2).build());
        print("the second deploy");
        assertThat(count("PATCH /api/v1/namespaces/NS/services/web"))
                .as("one switch")
                .isEqualTo(1);
        assertThat(count("PATCH /apis/apps/v1/namespaces/NS/deployments/web-v2"))
                .as("one apply")
                .isEqualTo(1);
        assertThat(count("GET " + HISTORY))
                .as("the history read once, before the Lease")
                .isEqualTo(1);
        assertThat(count("PUT " + HISTORY))
                .as("allocated, applied, switching, recorded")
                .isEqualTo(4);
        assertThat(count("GET " + LEASE)).as("the Lease read once, to take it").isEqualTo(1);
        assertThat(count("PUT " + LEASE)).as("taken and given back").isEqualTo(2);
        assertThat(count("GET /api/v1/namespaces/NS"))
                .as("a missing namespace shows in the dry run")
                .isZero();
        assertThat(count("GET /apis/apps/v1/namespaces/NS/deployments/web-v2"))
                .as("seen by the rollout's watch")
                .isZero();
        assertThat(requests.keySet())
                .filteredOn(k -> k.startsWith("WATCH "))
                .as("one watch per kind at most")
                .allMatch(k -> requests.get(k).get() == 1);
        assertThat(beyondWatches()).as("the budget of a second deploy").isLessThanOrEqualTo(18);

        requests.clear();
        engine.rollback(new RollbackRequest("web", ns.name(), "previous", "bob", null));
        print("a warm rollback");
        assertThat(requests.keySet())
                .as("no GET of a Service already listed; watches: Lease, EndpointSlices")
                .isSubsetOf(
                        "GET " + HISTORY,
                        "GET /apis/apps/v1/namespaces/NS/deployments",
                        "GET " + LEASE,
                        "PUT " + LEASE,
                        "PUT " + HISTORY,
                        "GET /api/v1/namespaces/NS/services",
                        "PATCH /api/v1/namespaces/NS/services/web",
                        "WATCH /apis/coordination.k8s.io/v1/namespaces/NS/leases",
                        "WATCH /apis/discovery.k8s.io/v1/namespaces/NS/endpointslices");
        assertThat(count("GET " + HISTORY)).as("read once, before the Lease").isEqualTo(1);
        assertThat(count("GET /apis/apps/v1/namespaces/NS/deployments"))
                .as("listed once")
                .isEqualTo(1);
        assertThat(count("PUT " + HISTORY))
                .as("recorded once: the Lease's take records it in flight (for a resume)")
                .isEqualTo(1);
        assertThat(count("PATCH /api/v1/namespaces/NS/services/web"))
                .as("one selector patch")
                .isEqualTo(1);
        // the EndpointSlices of the Service are checked after the switch (audit D-6) by one watch that starts with
        // the slices as they are: no list
        assertThat(count("GET /apis/discovery.k8s.io/v1/namespaces/NS/endpointslices"))
                .as("no list of the EndpointSlices")
                .isZero();
        assertThat(count("WATCH /apis/discovery.k8s.io/v1/namespaces/NS/endpointslices"))
                .isEqualTo(1);
        assertThat(count("WATCH /apis/coordination.k8s.io/v1/namespaces/NS/leases"))
                .isEqualTo(1);
        // issue 10's budget: 8 requests, 4 mutating (the selector patch, one history write, the Lease taken and
        // given back)
        assertThat(beyondWatches()).isEqualTo(8);
        assertThat(mutating()).isEqualTo(4);
    }
}
