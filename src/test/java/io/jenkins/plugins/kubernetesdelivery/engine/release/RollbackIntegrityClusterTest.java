package io.jenkins.plugins.kubernetesdelivery.engine.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.jenkins.plugins.kubernetesdelivery.testenv.KwokStages;
import io.jenkins.plugins.kubernetesdelivery.testenv.TestNamespace;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rollbacks never point a Service at zero pods (audit D-6, case 30), and retention never deletes the live or the
 * previous release (case 32), against testenv.
 */
@Tag("cluster")
class RollbackIntegrityClusterTest {

    @RegisterExtension
    TestNamespace ns = new TestNamespace();

    /** The fixture's manifests, with its pods and its Service's selector carrying {@code tier: front}. */
    private static String withTier() {
        return ClusterFixture.manifests("web", 2, Map.of("tier", "front"))
                .replace("  selector:\n    app: web\n", "  selector:\n    app: web\n    tier: front\n");
    }

    /** D-6: v2 adds a selector key that v1's pods lack; the rollback sets v1's whole selector, not v1 plus it. */
    @Test
    void aRollbackSetsTheWholeSelectorOfItsTarget() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        f.engine().deploy(f.request(1).build());
        f.engine()
                .deploy(f.request(2)
                        .manifests(List.of())
                        .manifest("k8s/web.yaml", withTier())
                        .build());
        assertThat(selector("web")).containsEntry("tier", "front");

        f.engine().rollback(new RollbackRequest("web", ns.name(), "previous", "bob", "v2 is broken"));

        assertThat(selector("web"))
                .as("no key of the newer release is left")
                .doesNotContainKey("tier")
                .containsEntry(ReleaseLabels.RELEASE, "v1")
                .containsEntry("app", "web");
        f.awaitEndpoints("web", ClusterFixture.allOf("web-v1"));

        // and forward again: v2's whole selector comes back
        f.engine().rollback(new RollbackRequest("web", ns.name(), "v2", "bob", "v2 is fixed after all"));
        assertThat(selector("web")).containsEntry("tier", "front").containsEntry(ReleaseLabels.RELEASE, "v2");
        f.awaitEndpoints("web", ClusterFixture.allOf("web-v2"));
    }

    /**
     * D-6: after a warm switch the rollback checks that the Service lists ready pods of its target. A Service only in
     * the cluster whose selector someone narrowed to v2's pods would select nothing: the rollback fails and
     * switches it back.
     */
    @Test
    void aWarmRollbackWhoseServiceGetsNoEndpointsFailsAndSwitchesBack() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        ns.client()
                .services()
                .inNamespace(ns.name())
                .resource(new io.fabric8.kubernetes.api.model.ServiceBuilder()
                        .withNewMetadata()
                        .withName("web-admin")
                        .endMetadata()
                        .withNewSpec()
                        .addToSelector("app", "web")
                        .addToSelector(ReleaseLabels.APP, "web")
                        .addNewPort()
                        .withPort(81)
                        .withNewTargetPort(8080)
                        .endPort()
                        .endSpec()
                        .build())
                .create();
        f.engine().deploy(f.request(1).service("web-admin").build());
        f.engine()
                .deploy(f.request(2)
                        .manifests(List.of())
                        .manifest("k8s/web.yaml", withTier())
                        .service("web-admin")
                        .build());
        // someone narrows the cluster-only Service to v2's pods
        ns.client()
                .services()
                .inNamespace(ns.name())
                .withName("web-admin")
                .patch(
                        new PatchContext.Builder()
                                .withPatchType(PatchType.JSON_MERGE)
                                .withFieldManager("kubectl-edit")
                                .build(),
                        "{\"spec\":{\"selector\":{\"tier\":\"front\"}}}");

        assertThatThrownBy(() -> f.engine()
                        .rollback(new RollbackRequest(
                                "web", ns.name(), "previous", "bob", null, false, Duration.ofSeconds(5), null)))
                .isInstanceOf(ReleaseException.class)
                .hasMessageContaining(
                        "rollback to v1 failed: Service " + ns.name() + "/web-admin has no ready" + " endpoint")
                .hasMessageContaining("v2 stays live");
        assertThat(f.selectedRelease("web")).isEqualTo("v2");
        assertThat(f.selectedRelease("web-admin")).isEqualTo("v2");
        f.assertHistory("v2", "v1");
    }

    /** Two Deployments: web (behind Service web) and worker (no Service). */
    private static String webAndWorker() {
        return ClusterFixture.manifests("web", 2, Map.of()) + """
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: worker
                spec:
                  replicas: 1
                  selector:
                    matchLabels:
                      app: worker
                  template:
                    metadata:
                      labels:
                        app: worker
                    spec:
                      containers:
                      - name: worker
                        image: web
                """;
    }

    /**
     * Case 30: a warm target one of whose Deployments has no ready pod is refused (never scaled up, never switched
     * to), naming that Deployment; nothing changes.
     */
    @Test
    void aWarmTargetWithADeploymentWithoutReadyPodsIsRefused() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        f.engine()
                .deploy(f.request(1)
                        .manifests(List.of())
                        .manifest("k8s/web.yaml", webAndWorker())
                        .build());
        f.engine()
                .deploy(f.request(2)
                        .manifests(List.of())
                        .manifest("k8s/web.yaml", webAndWorker())
                        .build());
        // worker-v1's pods are replaced by pods that never become ready (no kwok stage selects them)
        ns.client()
                .apps()
                .deployments()
                .inNamespace(ns.name())
                .withName("worker-v1")
                .patch(
                        new PatchContext.Builder()
                                .withPatchType(PatchType.JSON_MERGE)
                                .build(),
                        "{\"spec\":{\"strategy\":{\"type\":\"Recreate\","
                                + "\"rollingUpdate\":null},\"template\":{\"metadata\":{\"labels\":{\""
                                + KwokStages.LABEL
                                + "\":\"never-" + ns.name() + "\"}}}}}");
        ns.client()
                .apps()
                .deployments()
                .inNamespace(ns.name())
                .withName("worker-v1")
                .informOnCondition(l -> !l.isEmpty()
                        && l.get(0).getStatus() != null
                        && l.get(0).getStatus().getObservedGeneration() != null
                        && l.get(0).getStatus().getObservedGeneration()
                                >= l.get(0).getMetadata().getGeneration()
                        && (l.get(0).getStatus().getReadyReplicas() == null
                                || l.get(0).getStatus().getReadyReplicas() == 0))
                .orTimeout(60, TimeUnit.SECONDS)
                .join();

        assertThatThrownBy(() -> f.engine().rollback(new RollbackRequest("web", ns.name(), "previous", "bob", null)))
                .isInstanceOf(ReleaseException.class)
                .hasMessageContaining(
                        "v1 has no ready pod in " + ns.name() + "/worker-v1; not pointing the" + " Services at it");
        assertThat(f.selectedRelease("web")).isEqualTo("v2");
        assertThat(f.specReplicas("worker-v1")).as("not scaled").isEqualTo(1);
        f.assertHistory("v2", "v1");
        assertThat(f.engine().history("web", ns.name()).pin()).isNull();
    }

    /**
     * Case 32: live and previous older than the retention window. After a rollback to v1 (live v1, previous v3), an
     * unpinned deploy with keep 2 makes v4 live and v1 previous: v1 is kept although v3 and v2 are newer.
     */
    @Test
    void retentionNeverDeletesLiveOrPreviousOutsideTheWindow() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        for (int i = 1; i <= 3; i++) {
            f.engine().deploy(f.request(i).keep(3).build());
        }
        f.engine().rollback(new RollbackRequest("web", ns.name(), "v1", "bob", "v2 and v3 are bad"));
        f.assertHistory("v1", "v3");
        f.engine().deploy(f.request(4).keep(2).unpin(true).build());

        f.assertHistory("v4", "v1");
        assertThat(f.engine().releases("web", ns.name()))
                .extracting(ReleaseInfo::release)
                .as("v1 is the previous release: kept warm although older than the window")
                .contains("v4", "v1");
        assertThat(f.specReplicas("web-v1")).isEqualTo(2);
        assertThat(f.engine().releases("web", ns.name()))
                .extracting(ReleaseInfo::release)
                .as("keep 2: live and previous only")
                .containsExactly("v4", "v1");
        assertThat(f.engine()
                        .rollback(new RollbackRequest("web", ns.name(), "previous", "bob", null))
                        .release())
                .isEqualTo("v1");
    }

    /**
     * Item 7 of the brief: when does the EndpointSlice switch happen relative to the rollback's return? An informer
     * started before the call records the first moment the Service's EndpointSlices list only the target's ready pods.
     * Prints, never asserts, timings (docs/releases.md, "Measured on testenv").
     */
    @Test
    void warmRollbackTimingMeasuredWithAnInformerStartedBeforeTheCall() throws Exception {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        f.engine().deploy(f.request(1).build());
        f.engine().deploy(f.request(2).build());
        f.awaitEndpoints("web", ClusterFixture.allOf("web-v2"));
        java.util.concurrent.atomic.AtomicLong switchedAt = new java.util.concurrent.atomic.AtomicLong();
        var seen = ns.client()
                .discovery()
                .v1()
                .endpointSlices()
                .inNamespace(ns.name())
                .withLabel("kubernetes.io/service-name", "web")
                .informOnCondition(list -> {
                    List<String> ready =
                            io.jenkins.plugins.kubernetesdelivery.engine.cluster.EndpointSlices.readyPods(list);
                    boolean done =
                            !ready.isEmpty() && ClusterFixture.allOf("web-v1").test(ready);
                    if (done) {
                        switchedAt.compareAndSet(0, System.nanoTime());
                    }
                    return done;
                });
        long start = System.nanoTime();
        RollbackResult r = f.engine().rollback(new RollbackRequest("web", ns.name(), "previous", "bob", null));
        long returned = System.nanoTime();
        seen.get(60, TimeUnit.SECONDS);
        System.out.printf(
                "MEASURED warm rollback (informer started before the call): EndpointSlice of %s/web lists"
                        + " only web-v1 pods %d ms after the call; the call returned after %d ms%n",
                ns.name(), (switchedAt.get() - start) / 1_000_000, (returned - start) / 1_000_000);
        assertThat(r.release()).isEqualTo("v1");
        assertThat(switchedAt.get()).as("the switch was seen").isPositive();
    }

    /** The fixture's manifests with an HPA naming Deployment web and a PDB selecting its pods. */
    private static String withAutoscalerAndPdb() {
        return ClusterFixture.manifests("web", 2, Map.of()) + """
                ---
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata:
                  name: web
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
                  minReplicas: 2
                  maxReplicas: 5
                  metrics:
                  - type: Resource
                    resource: {name: cpu, target: {type: Utilization, averageUtilization: 80}}
                ---
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata:
                  name: web
                spec:
                  minAvailable: 1
                  selector:
                    matchLabels: {app: web}
                """;
    }

    /**
     * Item 8 of the brief: an HPA naming the app's Deployment and a PDB selecting its pods follow the live release:
     * retargeted by the deploy (shared objects change after the switch) and by a rollback, warm or cold.
     */
    @Test
    void anAutoscalerAndADisruptionBudgetFollowTheLiveRelease() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        for (int i = 1; i <= 3; i++) {
            f.engine()
                    .deploy(f.request(i)
                            .manifests(List.of())
                            .manifest("k8s/web.yaml", withAutoscalerAndPdb())
                            .build());
            assertFollowing("v" + i);
        }
        f.engine().rollback(new RollbackRequest("web", ns.name(), "previous", "bob", "warm"));
        assertFollowing("v2");
        f.engine().rollback(new RollbackRequest("web", ns.name(), "v1", "bob", "cold"));
        assertFollowing("v1");
        assertThat(f.lines).contains("HorizontalPodAutoscaler " + ns.name() + "/web follows v1");
        // the next deploy applies them again although the rollback patched them (no field manager conflict, which
        // would fail it with "live, but its shared objects were not updated")
        f.engine()
                .deploy(f.request(4)
                        .unpin(true)
                        .manifests(List.of())
                        .manifest("k8s/web.yaml", withAutoscalerAndPdb())
                        .build());
        assertFollowing("v4");
    }

    private void assertFollowing(String release) {
        var hpa = ns.client()
                .autoscaling()
                .v2()
                .horizontalPodAutoscalers()
                .inNamespace(ns.name())
                .withName("web")
                .get();
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).as("HPA target").isEqualTo("web-" + release);
        var pdb = ns.client()
                .policy()
                .v1()
                .podDisruptionBudget()
                .inNamespace(ns.name())
                .withName("web")
                .get();
        assertThat(pdb.getSpec().getSelector().getMatchLabels())
                .as("PDB selector")
                .containsEntry(ReleaseLabels.RELEASE, release)
                .containsEntry("app", "web");
    }

    private Map<String, String> selector(String service) {
        return ns.client()
                .services()
                .inNamespace(ns.name())
                .withName(service)
                .get()
                .getSpec()
                .getSelector();
    }
}
