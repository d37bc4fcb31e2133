package io.jenkins.plugins.kubernetesdelivery.engine.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ListMetaBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentListBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.Waits;
import io.jenkins.plugins.kubernetesdelivery.engine.release.render.RequestValidator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Faults the real API server cannot be made to produce on demand: 409, 410 Gone, 5xx; and request counting. */
class FaultInjectionTest {

    static final String SERVICES = "/api/v1/namespaces/shop/services/web";
    static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/shop/deployments";
    static final String PODS = "/api/v1/namespaces/shop/pods";
    static final String HISTORY = "/api/v1/namespaces/shop/configmaps/web-releases";

    ScriptedDispatcher api = new ScriptedDispatcher();
    KubernetesMockServer server;
    KubernetesClient client;
    List<String> lines = new ArrayList<>();

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), api, false);
        server.init();
        // few, fast client retries: enough to show that a transient 5xx is retried, without slowing the test
        client = server.createClient(b -> b.editOrNewConfig()
                .withRequestRetryBackoffLimit(2)
                .withRequestRetryBackoffInterval(10)
                .endConfig());
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    static Service service(String release, String resourceVersion, String manager) {
        ServiceBuilder b = new ServiceBuilder()
                .withNewMetadata()
                .withName("web")
                .withNamespace("shop")
                .withResourceVersion(resourceVersion)
                .endMetadata()
                .withNewSpec()
                .addToSelector("app", "web")
                .addToSelector(ReleaseLabels.APP, "web")
                .addToSelector(ReleaseLabels.RELEASE, release)
                .endSpec();
        if (manager != null) {
            FieldsV1 fields = new FieldsV1();
            fields.setAdditionalProperty(
                    "f:spec", Map.of("f:selector", Map.of("f:" + ReleaseLabels.RELEASE, Map.of())));
            b.editMetadata()
                    .withManagedFields(new ManagedFieldsEntryBuilder()
                            .withManager(manager)
                            .withOperation("Update")
                            .withTime("2026-11-27T01:00:00Z")
                            .withFieldsV1(fields)
                            .build())
                    .endMetadata();
        }
        return b.build();
    }

    @Test
    void aConflictOnTheSelectorPatchIsRetriedAfterAReRead() {
        api.on(
                        "GET " + SERVICES,
                        ScriptedDispatcher.json(200, service("v2", "5", null)),
                        ScriptedDispatcher.json(200, service("v2", "6", null)))
                .on(
                        "PATCH " + SERVICES,
                        ScriptedDispatcher.status(409, "Conflict", "the object has been modified"),
                        ScriptedDispatcher.json(200, service("v1", "7", null)));
        assertThat(new ServiceSwitcher(client, "shop").patch("web", "web", "v2", "v1"))
                .isTrue();
        assertThat(api.count("PATCH " + SERVICES)).isEqualTo(2);
        List<String> patches = new ArrayList<>();
        for (int i = 0; i < api.requests.size(); i++) {
            if (api.requests.get(i).startsWith("PATCH")) {
                patches.add(api.bodies.get(i));
            }
        }
        assertThat(patches.get(0)).contains("\"resourceVersion\":\"5\"").contains("\"v1\"");
        assertThat(patches.get(1)).contains("\"resourceVersion\":\"6\"");
    }

    @Test
    void aConflictCausedByAnotherWriterFailsNamingIt() {
        api.on(
                        "GET " + SERVICES,
                        ScriptedDispatcher.json(200, service("v2", "5", null)),
                        ScriptedDispatcher.json(200, service("v9", "6", "argocd")))
                .on("PATCH " + SERVICES, ScriptedDispatcher.status(409, "Conflict", "the object has been modified"));
        assertThatThrownBy(() -> new ServiceSwitcher(client, "shop").patch("web", "web", "v2", "v1"))
                .isInstanceOf(ReleaseException.class)
                .hasMessageContaining("Service shop/web selects v9, not v2 as expected: concurrent change by argocd"
                        + " (Update at 2026-11-27T01:00:00Z)");
        assertThat(api.count("PATCH " + SERVICES))
                .as("never overwritten blindly")
                .isEqualTo(1);
    }

    private static Deployment deployment(boolean ready, String resourceVersion) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName("web-v1")
                .withNamespace("shop")
                .withGeneration(1L)
                .withResourceVersion(resourceVersion)
                .endMetadata()
                .withNewSpec()
                .withReplicas(2)
                .endSpec()
                .withNewStatus()
                .withObservedGeneration(1L)
                .withReplicas(2)
                .withUpdatedReplicas(ready ? 2 : 0)
                .withReadyReplicas(ready ? 2 : 0)
                .withAvailableReplicas(ready ? 2 : 0)
                .endStatus()
                .build();
    }

    @Test
    void theRolloutWaitSurvivesAnExpiredWatch() {
        api.on(
                        "GET " + DEPLOYMENTS,
                        ScriptedDispatcher.json(
                                200,
                                new DeploymentListBuilder()
                                        .withMetadata(new ListMetaBuilder()
                                                .withResourceVersion("10")
                                                .build())
                                        .addToItems(deployment(false, "10"))
                                        .build()),
                        ScriptedDispatcher.json(
                                200,
                                new DeploymentListBuilder()
                                        .withMetadata(new ListMetaBuilder()
                                                .withResourceVersion("20")
                                                .build())
                                        .addToItems(deployment(true, "20"))
                                        .build()))
                .on(
                        "WATCH " + DEPLOYMENTS,
                        ScriptedDispatcher.status(410, "Expired", "too old resource version: 10 (15)"),
                        ScriptedDispatcher.quietWatch())
                .on(
                        "GET " + PODS,
                        ScriptedDispatcher.json(
                                200,
                                new PodListBuilder()
                                        .withMetadata(new ListMetaBuilder()
                                                .withResourceVersion("10")
                                                .build())
                                        .build()))
                .on("WATCH " + PODS, ScriptedDispatcher.quietWatch());
        new Waits(client, lines::add).rollout("shop", "web-v1", Map.of("app", "web"), Duration.ofSeconds(30));
        assertThat(api.count("GET " + DEPLOYMENTS)).as("relisted after 410").isGreaterThanOrEqualTo(2);
        assertThat(api.count("WATCH " + DEPLOYMENTS)).isGreaterThanOrEqualTo(1);
        assertThat(lines).containsExactly("shop/web-v1 0/2 ready", "shop/web-v1 2/2 ready");
    }

    /**
     * Review finding 21: a real watch expiry is an ERROR event with a 410 Status inside an open watch stream, not
     * the status of the watch request; the informer relists and the wait goes on.
     */
    @Test
    void theRolloutWaitSurvivesAnExpiryEventInsideTheWatchStream() {
        api.on(
                        "GET " + DEPLOYMENTS,
                        ScriptedDispatcher.json(
                                200,
                                new DeploymentListBuilder()
                                        .withMetadata(new ListMetaBuilder()
                                                .withResourceVersion("10")
                                                .build())
                                        .addToItems(deployment(false, "10"))
                                        .build()),
                        ScriptedDispatcher.json(
                                200,
                                new DeploymentListBuilder()
                                        .withMetadata(new ListMetaBuilder()
                                                .withResourceVersion("20")
                                                .build())
                                        .addToItems(deployment(true, "20"))
                                        .build()))
                .on(
                        "WATCH " + DEPLOYMENTS,
                        ScriptedDispatcher.watchEvents(Map.of(
                                "type",
                                "ERROR",
                                "object",
                                Map.of(
                                        "kind",
                                        "Status",
                                        "apiVersion",
                                        "v1",
                                        "status",
                                        "Failure",
                                        "code",
                                        410,
                                        "reason",
                                        "Expired",
                                        "message",
                                        "too old resource version: 10 (15)"))),
                        ScriptedDispatcher.quietWatch())
                .on(
                        "GET " + PODS,
                        ScriptedDispatcher.json(
                                200,
                                new PodListBuilder()
                                        .withMetadata(new ListMetaBuilder()
                                                .withResourceVersion("10")
                                                .build())
                                        .build()))
                .on("WATCH " + PODS, ScriptedDispatcher.quietWatch());
        new Waits(client, lines::add).rollout("shop", "web-v1", Map.of("app", "web"), Duration.ofSeconds(30));
        assertThat(api.count("WATCH " + DEPLOYMENTS))
                .as("the stream carrying the expiry was opened")
                .isGreaterThanOrEqualTo(1);
        assertThat(api.count("GET " + DEPLOYMENTS))
                .as("relisted after the ERROR event")
                .isGreaterThanOrEqualTo(2);
        assertThat(lines).containsExactly("shop/web-v1 0/2 ready", "shop/web-v1 2/2 ready");
    }

    /** Review finding 18: a watch that stays open but never delivers is backed up by a periodic GET. */
    @Test
    void aSilentWatchIsBackedUpByAPeriodicRead() {
        api.on(
                        "GET " + DEPLOYMENTS,
                        ScriptedDispatcher.json(
                                200,
                                new DeploymentListBuilder()
                                        .withMetadata(new ListMetaBuilder()
                                                .withResourceVersion("10")
                                                .build())
                                        .addToItems(deployment(false, "10"))
                                        .build()))
                .on("WATCH " + DEPLOYMENTS, ScriptedDispatcher.quietWatch())
                .on(
                        "GET " + DEPLOYMENTS + "/web-v1",
                        ScriptedDispatcher.json(200, deployment(false, "10")),
                        ScriptedDispatcher.json(200, deployment(true, "11")))
                .on(
                        "GET " + PODS,
                        ScriptedDispatcher.json(
                                200,
                                new PodListBuilder()
                                        .withMetadata(new ListMetaBuilder()
                                                .withResourceVersion("10")
                                                .build())
                                        .build()))
                .on("WATCH " + PODS, ScriptedDispatcher.quietWatch());
        new Waits(client, lines::add, Duration.ofMillis(200))
                .rollout("shop", "web-v1", Map.of("app", "web"), Duration.ofSeconds(30));
        assertThat(api.count("GET " + DEPLOYMENTS + "/web-v1")).isGreaterThanOrEqualTo(2);
        assertThat(lines).containsExactly("shop/web-v1 0/2 ready", "shop/web-v1 2/2 ready");
    }

    /** Review finding 22: the deploy switch (server-side apply of the whole Service) retries a 409 after a re-read. */
    @Test
    void aConflictOnTheDeploySwitchIsRetriedAfterAReRead() {
        api.on(
                        "GET " + SERVICES,
                        ScriptedDispatcher.json(200, service("v1", "5", null)),
                        ScriptedDispatcher.json(200, service("v1", "6", null)))
                .on(
                        "PATCH " + SERVICES,
                        ScriptedDispatcher.status(409, "Conflict", "the object has been modified"),
                        ScriptedDispatcher.json(200, service("v2", "7", null)));
        io.fabric8.kubernetes.api.model.GenericKubernetesResource rendered = Serialization.unmarshal(
                Serialization.asJson(service("v2", null, null)),
                io.fabric8.kubernetes.api.model.GenericKubernetesResource.class);
        assertThat(new ServiceSwitcher(client, "shop").apply(rendered, "v1", "v2"))
                .isTrue();
        assertThat(api.count("PATCH " + SERVICES)).isEqualTo(2);
        List<String> patches = new ArrayList<>();
        for (int i = 0; i < api.requests.size(); i++) {
            if (api.requests.get(i).startsWith("PATCH")) {
                patches.add(api.bodies.get(i));
            }
        }
        assertThat(patches.get(0)).contains("\"resourceVersion\":\"5\"").contains("\"v2\"");
        assertThat(patches.get(1)).contains("\"resourceVersion\":\"6\"");
    }

    @Test
    void rollingBackToTheLiveReleaseSendsNoMutatingRequest() throws Exception {
        ReleaseHistory h = new ReleaseHistory(1, 2, "v2", "v1", null, null, List.of());
        api.on(
                        "GET " + HISTORY,
                        ScriptedDispatcher.json(
                                200,
                                new ConfigMapBuilder()
                                        .withNewMetadata()
                                        .withName("web-releases")
                                        .withNamespace("shop")
                                        .withResourceVersion("3")
                                        .endMetadata()
                                        .addToData(HistoryStore.KEY, Serialization.asJson(h))
                                        .build()))
                .on(
                        "GET " + DEPLOYMENTS,
                        ScriptedDispatcher.json(
                                200,
                                new DeploymentListBuilder()
                                        .addToItems(release("v1"), release("v2"))
                                        .build()));
        RollbackResult r = new ReleaseEngine(client, lines::add, Clock.systemUTC())
                .rollback(new RollbackRequest("web", "shop", "v2", "bob", null));
        assertThat(r.unchanged()).isTrue();
        assertThat(r.handle()).isNull();
        assertThat(api.requests).isNotEmpty().allMatch(k -> k.startsWith("GET "));
        assertThat(lines).containsExactly("shop/web v2 is already live");
    }

    private static Deployment release(String release) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName("web-" + release)
                .withNamespace("shop")
                .addToLabels(ReleaseLabels.APP, "web")
                .addToLabels(ReleaseLabels.RELEASE, release)
                .addToAnnotations(ReleaseLabels.REPLICAS, "2")
                .endMetadata()
                .withNewSpec()
                .withReplicas(2)
                .endSpec()
                .withNewStatus()
                .withReadyReplicas(2)
                .endStatus()
                .build();
    }

    @Test
    void serverErrorsAreRetriedThenReportedWithWhatFailed() {
        ReleaseHistory h = ReleaseHistory.empty();
        api.on(
                        "GET " + HISTORY,
                        ScriptedDispatcher.status(503, "ServiceUnavailable", "etcd leader changed"),
                        ScriptedDispatcher.json(
                                200,
                                new ConfigMapBuilder()
                                        .withNewMetadata()
                                        .withName("web-releases")
                                        .withNamespace("shop")
                                        .withResourceVersion("3")
                                        .endMetadata()
                                        .addToData(HistoryStore.KEY, Serialization.asJson(h))
                                        .build()))
                .on("PUT " + HISTORY, ScriptedDispatcher.status(500, "InternalError", "storage is on fire"));
        HistoryStore store = new HistoryStore(client, "shop", "web");
        assertThat(store.read().lastRelease())
                .as("a 503 is retried by the client")
                .isZero();
        assertThatThrownBy(() -> store.update(x -> x.allocate(null)))
                .isInstanceOf(ReleaseException.class)
                .hasMessageContaining("cannot write the history ConfigMap shop/web-releases")
                .hasMessageContaining("storage is on fire");
    }

    @Test
    void aRequestTheApiRefusesBecomesAReleaseExceptionNamingTheOperation() {
        api.on(
                "GET " + HISTORY,
                ScriptedDispatcher.status(
                        403,
                        "Forbidden",
                        "configmaps \"web-releases\" is forbidden:"
                                + " User \"ci\" cannot get resource \"configmaps\" in the namespace \"shop\""));

        assertThatThrownBy(() -> new ReleaseEngine(client, lines::add, Clock.systemUTC())
                        .rollback(new RollbackRequest("web", "shop", "v1", "bob", null)))
                .isInstanceOfSatisfying(
                        ReleaseException.class,
                        e -> assertThat(e.reason())
                                .isEqualTo(
                                        "the rollback of shop/web failed: the Kubernetes API answered HTTP 403: configmaps"
                                                + " \"web-releases\" is forbidden: User \"ci\" cannot get resource \"configmaps\" in"
                                                + " the namespace \"shop\"; check the cluster connection and the permissions of its"
                                                + " credentials"));
        assertThat(api.requests).isNotEmpty().allMatch(k -> k.startsWith("GET "));
    }

    @Test
    void invalidRequestsAreRefusedWithEveryProblemBeforeAnyRequest() {
        ReleaseEngine engine = new ReleaseEngine(client, lines::add, Clock.systemUTC());

        assertThatThrownBy(() -> engine.deploy(
                        ReleaseRequest.builder("Web", "shop").keep(1).build()))
                .isExactlyInstanceOf(DeliveryException.class)
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.reason())
                            .isEqualTo(ReleaseEngine.deployRequest("shop", "Web")
                                    + " is invalid; nothing in the cluster changed");
                    assertThat(e.problems())
                            .hasSize(3)
                            .anyMatch(p -> p.startsWith("app 'Web'"))
                            .anyMatch(p -> p.startsWith("manifests:"))
                            .anyMatch(p -> p.startsWith("keep 1"));
                });
        assertThatThrownBy(() -> engine.rollback(RollbackRequest.builder("web", "shop")
                        .target("tomorrow")
                        .timeout(Duration.ZERO)
                        .build()))
                .isInstanceOfSatisfying(
                        DeliveryException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        RequestValidator.checkTarget("tomorrow").orElseThrow(),
                                        "timeout must be positive (is PT0S)"));
        assertThat(api.requests).isEmpty();
    }
}
