package io.jenkins.plugins.kubernetesdelivery.engine.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.jenkins.plugins.kubernetesdelivery.testenv.TestNamespace;
import io.jenkins.plugins.kubernetesdelivery.testenv.Testenv;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 10: a deploy applies a shared object (outside the versioned release) only when its rendered content differs
 * from what the app last applied. Requests counted by the client, as in {@link RequestBudgetClusterTest}.
 */
@Tag("cluster")
class SharedObjectsClusterTest {

    @RegisterExtension
    TestNamespace ns = new TestNamespace();

    /** A second app's namespace, for a measurement side by side. */
    @RegisterExtension
    TestNamespace other = new TestNamespace();

    final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    /** The path of an object whose next real (not dry-run) apply is sent to a wrong name, so the server refuses it. */
    volatile String failApplyOf;

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
                        String query = request.uri().getQuery() == null
                                ? ""
                                : request.uri().getQuery();
                        String path = request.uri().getPath();
                        boolean dryRun = query.contains("dryRun=All");
                        if (!dryRun && "PATCH".equals(request.method()) && path.equals(failApplyOf)) {
                            failApplyOf = null;
                            builder.uri(URI.create(request.uri().toString().replace(path, path + "-elsewhere")));
                        }
                        String key = (query.contains("watch=true") ? "WATCH" : dryRun ? "DRYRUN" : request.method())
                                + " "
                                + path.replace("/namespaces/" + ns.name(), "/namespaces/NS")
                                        .replace("/namespaces/" + other.name(), "/namespaces/NS");
                        requests.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                    }
                }))
                .build();
    }

    @AfterEach
    void close() {
        counted.close();
    }

    static final String CONFIG = "/api/v1/namespaces/NS/configmaps/shared-settings";
    static final String INGRESS = "/apis/networking.k8s.io/v1/namespaces/NS/ingresses/web";

    private int count(String key) {
        AtomicInteger n = requests.get(key);
        return n == null ? 0 : n.get();
    }

    private void print(String what) {
        System.out.println("MEASURED API requests of " + what + ":");
        new TreeMap<>(requests).forEach((k, v) -> System.out.println("  " + v + " " + k));
    }

    static String settings(int level) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: shared-settings}\ndata: {level: '" + level + "'}\n";
    }

    static final String INGRESS_YAML = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\n"
            + "spec:\n  rules:\n  - http:\n      paths:\n      - path: /\n        pathType: Prefix\n"
            + "        backend: {service: {name: web, port: {number: 80}}}\n";

    static final String HPA_YAML = """
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: web}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
              minReplicas: 2
              maxReplicas: 5
            """;

    private ReleaseRequest.Builder request(ClusterFixture f, int build, int level) {
        return f.request(build)
                .manifest("settings.yaml", settings(level))
                .manifest("ingress.yaml", INGRESS_YAML)
                .manifest("hpa.yaml", HPA_YAML);
    }

    private String level(ClusterFixture f) {
        return f.client
                .configMaps()
                .inNamespace(ns.name())
                .withName("shared-settings")
                .get()
                .getData()
                .get("level");
    }

    private String hpaTarget() {
        return counted.autoscaling()
                .v2()
                .horizontalPodAutoscalers()
                .inNamespace(ns.name())
                .withName("web")
                .get()
                .getSpec()
                .getScaleTargetRef()
                .getName();
    }

    @Test
    void unchangedSharedObjectsAreNotAppliedAgainChangedMissingAndForcedOnesAre() {
        ClusterFixture f = new ClusterFixture(counted, ns.name());
        f.engine().deploy(request(f, 1, 1).build());

        requests.clear();
        f.engine().deploy(request(f, 2, 1).build());
        print("a second deploy, ConfigMap and Ingress unchanged");
        for (String path : new String[] {CONFIG, INGRESS}) {
            assertThat(count("DRYRUN " + path)).as("no dry run of " + path).isZero();
            assertThat(count("PATCH " + path)).as("no apply of " + path).isZero();
            assertThat(count("GET " + path))
                    .as("looked up once: is it still there?")
                    .isEqualTo(1);
        }
        assertThat(f.lines)
                .filteredOn(l -> l.startsWith("shared objects of " + ns.name() + "/web unchanged since last applied: "))
                .singleElement()
                .satisfies(l -> assertThat(l)
                        .contains("ConfigMap " + ns.name() + "/shared-settings", "Ingress " + ns.name() + "/web")
                        .doesNotContain("HorizontalPodAutoscaler"));
        assertThat(hpaTarget())
                .as("a follower of the live release still follows it")
                .isEqualTo("web-v2");

        requests.clear();
        f.engine().deploy(request(f, 3, 2).build());
        assertThat(count("DRYRUN " + CONFIG))
                .as("the changed ConfigMap is checked")
                .isEqualTo(1);
        assertThat(count("PATCH " + CONFIG)).as("and applied").isEqualTo(1);
        assertThat(count("PATCH " + INGRESS)).isZero();
        assertThat(level(f)).isEqualTo("2");

        counted.network()
                .v1()
                .ingresses()
                .inNamespace(ns.name())
                .withName("web")
                .delete();
        counted.network()
                .v1()
                .ingresses()
                .inNamespace(ns.name())
                .withName("web")
                .waitUntilCondition(i -> i == null, 30, java.util.concurrent.TimeUnit.SECONDS);
        requests.clear();
        f.engine().deploy(request(f, 4, 2).build());
        assertThat(counted.network()
                        .v1()
                        .ingresses()
                        .inNamespace(ns.name())
                        .withName("web")
                        .get())
                .as("a shared object deleted by hand is created again")
                .isNotNull();
        assertThat(count("PATCH " + INGRESS))
                .as("created with the release, not applied again")
                .isEqualTo(1);
        assertThat(count("PATCH " + CONFIG)).isZero();

        requests.clear();
        f.engine().deploy(request(f, 5, 2).force(true).build());
        for (String path : new String[] {CONFIG, INGRESS}) {
            assertThat(count("DRYRUN " + path))
                    .as("force: " + path + " checked")
                    .isEqualTo(1);
            assertThat(count("PATCH " + path)).as("force: " + path + " applied").isEqualTo(1);
        }
    }

    @Test
    void aSharedObjectWhoseApplyFailedIsAppliedByTheNextDeploy() {
        ClusterFixture f = new ClusterFixture(counted, ns.name());
        f.engine().deploy(request(f, 1, 1).build());

        failApplyOf = CONFIG.replace("/namespaces/NS", "/namespaces/" + ns.name());
        assertThatThrownBy(() -> f.engine().deploy(request(f, 2, 2).build()))
                .isInstanceOf(ReleaseException.class)
                .hasMessageContaining("v2 is live, but its shared objects were not updated");
        assertThat(level(f)).isEqualTo("1");
        assertThat(f.engine().history("web", ns.name()).sharedApplied())
                .as("no hash recorded for the object whose apply failed")
                .doesNotContainKey("ConfigMap/shared-settings")
                .containsKey("Ingress/web");

        requests.clear();
        f.engine().deploy(request(f, 3, 2).build());
        assertThat(count("PATCH " + CONFIG)).as("applied again").isEqualTo(1);
        assertThat(count("PATCH " + INGRESS)).isZero();
        assertThat(level(f)).isEqualTo("2");
        assertThat(f.engine().history("web", ns.name()).sharedApplied()).containsKey("ConfigMap/shared-settings");
    }

    static final String POLICY_YAML = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: web}
            spec:
              podSelector: {matchLabels: {app: web}}
              ingress:
              - ports: [{port: 8080}]
            """;

    private int total(boolean beyondWatches, boolean mutatingOnly) {
        return requests.entrySet().stream()
                .filter(e -> !beyondWatches || !e.getKey().startsWith("WATCH "))
                .filter(e -> !mutatingOnly
                        || !(e.getKey().startsWith("GET ")
                                || e.getKey().startsWith("WATCH ")
                                || e.getKey().startsWith("DRYRUN ")))
                .mapToInt(e -> e.getValue().get())
                .sum();
    }

    private int second(String namespace, boolean force) {
        ClusterFixture f = new ClusterFixture(counted, namespace);
        java.util.function.IntFunction<ReleaseRequest.Builder> req = n -> f.request(n)
                .manifest("settings.yaml", settings(1))
                .manifest("ingress.yaml", INGRESS_YAML)
                .manifest("policy.yaml", POLICY_YAML);
        f.engine().deploy(req.apply(1).build());
        requests.clear();
        f.engine().deploy(req.apply(2).force(force).build());
        int shared = requests.entrySet().stream()
                .filter(e -> e.getKey().endsWith("/configmaps/shared-settings")
                        || e.getKey().endsWith("/ingresses/web")
                        || e.getKey().endsWith("/networkpolicies/web"))
                .mapToInt(e -> e.getValue().get())
                .sum();
        print("a second deploy with 3 shared objects" + (force ? ", all applied (force: as before issue 10)" : ""));
        System.out.printf(
                "MEASURED second deploy, 3 shared objects%s: %d requests beyond watches (%d mutating), %d to the"
                        + " shared objects%n",
                force ? " applied as before (force)" : " unchanged", total(true, false), total(true, true), shared);
        return shared;
    }

    /**
     * Issue 10's measure, side by side in one run: a second deploy of the same app with 3 unchanged shared objects,
     * once as every deploy did before (force applies them all: a dry run, a look-up and an apply each) and once as
     * now (a look-up each).
     */
    @Test
    void aSecondDeployWithThreeUnchangedSharedObjectsSendsThreeRequestsForThemInsteadOfNine() {
        assertThat(second(other.name(), true))
                .as("before: dry run, GET, apply each")
                .isEqualTo(9);
        int before = total(true, false);
        int beforeMutating = total(true, true);
        assertThat(second(ns.name(), false)).as("now: a GET each").isEqualTo(3);
        assertThat(total(true, false)).isEqualTo(before - 6);
        assertThat(total(true, true)).isEqualTo(beforeMutating - 3);
    }
}
