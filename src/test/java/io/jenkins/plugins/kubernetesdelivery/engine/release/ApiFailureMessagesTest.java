package io.jenkins.plugins.kubernetesdelivery.engine.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentListBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Audit D-16 and D-13 on a mock API server: requests the API refuses become one line naming what failed, never the
 * client's raw exception or "HTTP 0"; the final history write is retried and the history stays under its bound.
 */
class ApiFailureMessagesTest {

    static final String HISTORY = FaultInjectionTest.HISTORY;
    static final String LEASES = "/apis/coordination.k8s.io/v1/namespaces/shop/leases";

    ScriptedDispatcher api = new ScriptedDispatcher();
    KubernetesMockServer server;
    KubernetesClient client;
    List<String> lines = new ArrayList<>();

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), api, false);
        server.init();
        client = server.createClient(b -> b.editOrNewConfig()
                .withRequestRetryBackoffLimit(2)
                .withRequestRetryBackoffInterval(10)
                .endConfig());
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
        Thread.interrupted();
    }

    private static io.fabric8.kubernetes.api.model.ConfigMap history(ReleaseHistory h, String resourceVersion) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName("web-releases")
                .withNamespace("shop")
                .withResourceVersion(resourceVersion)
                .endMetadata()
                .addToData(HistoryStore.KEY, Serialization.asJson(h))
                .build();
    }

    /** An RBAC 403 on the Lease: one line, naming the verb and the resource, and what to check. */
    @Test
    void aForbiddenLeaseIsOneLineNamingVerbAndResource() {
        api.on(
                        "GET " + HISTORY,
                        ScriptedDispatcher.json(
                                200, history(new ReleaseHistory(1, 2, "v2", "v1", null, null, List.of()), "3")))
                .on(
                        "GET " + FaultInjectionTest.DEPLOYMENTS,
                        ScriptedDispatcher.json(
                                200,
                                new DeploymentListBuilder()
                                        .addToItems(release("v1"), release("v2"))
                                        .build()))
                .on(
                        "POST " + LEASES,
                        ScriptedDispatcher.status(
                                403,
                                "Forbidden",
                                "leases.coordination.k8s.io is"
                                        + " forbidden: User \"ci\" cannot create resource \"leases\" in API group"
                                        + " \"coordination.k8s.io\" in the namespace \"shop\""));

        assertThatThrownBy(() -> new ReleaseEngine(client, lines::add, Clock.systemUTC())
                        .rollback(new RollbackRequest("web", "shop", "previous", "bob", null)))
                .isInstanceOfSatisfying(ReleaseException.class, e -> {
                    assertThat(e.getMessage())
                            .doesNotContain("\n")
                            .contains("HTTP 403")
                            .contains("cannot create resource \"leases\"")
                            .contains("check the cluster connection and the permissions of its credentials");
                });
        assertThat(api.requests).noneMatch(k -> k.startsWith("PATCH ") || k.startsWith("PUT "));
    }

    /** An apply that never got an answer because the step was aborted says so, not "HTTP 0". */
    @Test
    void anInterruptedApplyIsNotAnHttpStatus() {
        GenericKubernetesResource cm = Serialization.unmarshal(
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n" + "  name: web-config-v3\ndata: {a: b}\n",
                GenericKubernetesResource.class);
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> ObjectApplier.apply(client, "shop", List.of(cm)))
                .isInstanceOf(ReleaseException.class)
                .hasMessageNotContaining("HTTP 0")
                .hasMessageContaining("interrupted while applying ConfigMap shop/web-config-v3 (the step was"
                        + " aborted); applied before it: nothing");
        Thread.interrupted();
    }

    /** D-13: a 5xx that outlasts the client's own retries is retried once more by the final history write. */
    @Test
    void theFinalHistoryWriteIsRetriedAfterServerErrors() {
        ReleaseHistory h = new ReleaseHistory(
                1,
                2,
                "v1",
                null,
                null,
                new ReleaseHistory.Operation(
                        "op-2", "deploy", "v2", "v1", ReleaseHistory.Phase.SWITCHING, "alice", "2026-12-01T00:00:00Z"),
                List.of());
        api.on("GET " + HISTORY, ScriptedDispatcher.json(200, history(h, "3")))
                .on(
                        "PUT " + HISTORY,
                        ScriptedDispatcher.status(500, "InternalError", "etcdserver: request timed out"),
                        ScriptedDispatcher.status(500, "InternalError", "etcdserver: request timed out"),
                        ScriptedDispatcher.status(500, "InternalError", "etcdserver: request timed out"),
                        ScriptedDispatcher.json(200, history(h, "4")));
        HistoryStore store = new HistoryStore(client, "shop", "web");

        ReleaseHistory done = store.updateRetrying(
                x -> x.current() == null
                        ? x
                        : x.finish(
                                ReleaseHistory.Entry.abandoned(x.current(), "test", "2026-12-01T00:00:01Z", "v2", "v1"),
                                "v2",
                                "v1",
                                null),
                java.time.Duration.ofMillis(10));
        assertThat(done.live()).isEqualTo("v2");
        assertThat(api.count("PUT " + HISTORY))
                .as("3 by the client, then 1 more")
                .isEqualTo(4);
    }

    /** D-13: a history that would outgrow a ConfigMap loses its oldest entries, never the newest or the pointers. */
    @Test
    void theHistoryIsBoundedByDroppingTheOldestEntries() {
        List<ReleaseHistory.Entry> entries = new ArrayList<>();
        for (int i = 50; i >= 1; i--) {
            entries.add(new ReleaseHistory.Entry(
                    "op-" + i,
                    "rollback",
                    "v" + i,
                    null,
                    "succeeded",
                    null,
                    "bob",
                    "2026-12-01T00:00:00Z",
                    null,
                    null,
                    null,
                    null,
                    null,
                    "x".repeat(40_000),
                    "v" + i,
                    null,
                    null));
        }
        ReleaseHistory big = new ReleaseHistory(
                1,
                50,
                "v50",
                "v49",
                new ReleaseHistory.Pin("v50", "bob", "why", "2026-12-01T00:00:00Z"),
                null,
                entries);
        ReleaseHistory bounded = HistoryStore.bounded(big);

        assertThat(Serialization.asJson(bounded).length()).isLessThanOrEqualTo(HistoryStore.MAX_BYTES);
        assertThat(bounded.entries()).isNotEmpty().hasSizeLessThan(50);
        assertThat(bounded.entries().get(0).release()).as("the newest stays").isEqualTo("v50");
        assertThat(bounded.live()).isEqualTo("v50");
        assertThat(bounded.previous()).isEqualTo("v49");
        assertThat(bounded.pin().release()).isEqualTo("v50");
        assertThat(HistoryStore.bounded(ReleaseHistory.empty())).isEqualTo(ReleaseHistory.empty());
    }

    /** D-13 through the store: the write that would be over 1 MiB is sent bounded. */
    @Test
    void anOversizedHistoryIsWrittenBounded() {
        List<ReleaseHistory.Entry> entries = new ArrayList<>();
        for (int i = 49; i >= 1; i--) {
            entries.add(new ReleaseHistory.Entry(
                    "op-" + i,
                    "rollback",
                    "v" + i,
                    null,
                    "succeeded",
                    null,
                    "bob",
                    "2026-12-01T00:00:00Z",
                    null,
                    null,
                    null,
                    null,
                    null,
                    "y".repeat(30_000),
                    "v" + i,
                    null,
                    null));
        }
        ReleaseHistory h = new ReleaseHistory(1, 49, "v49", "v48", null, null, entries);
        api.on("GET " + HISTORY, ScriptedDispatcher.json(200, history(h, "3")))
                .on("PUT " + HISTORY, ScriptedDispatcher.json(200, history(h, "4")));
        new HistoryStore(client, "shop", "web")
                .update(x -> x.finish(
                        new ReleaseHistory.Entry(
                                "op-50",
                                "deploy",
                                "v50",
                                "v49",
                                "succeeded",
                                null,
                                "alice",
                                "2026-12-01T00:00:00Z",
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                "v50",
                                "v49",
                                null),
                        "v50",
                        "v49",
                        null));
        String body = api.bodies.get(api.requests.indexOf("PUT " + HISTORY));
        assertThat(body.length()).as("well under the 1 MiB of a ConfigMap").isLessThan(1024 * 1024);
        assertThat(body).contains("op-50");
    }

    private static io.fabric8.kubernetes.api.model.apps.Deployment release(String release) {
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
}
