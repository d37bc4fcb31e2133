package io.jenkins.plugins.kubernetesdelivery.engine.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.jenkins.plugins.kubernetesdelivery.testenv.KwokStages;
import io.jenkins.plugins.kubernetesdelivery.testenv.TestNamespace;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Deploys that fail before or at the switch, against testenv: the live release keeps serving. */
@Tag("cluster")
class DeployFailureClusterTest {

    @RegisterExtension
    TestNamespace ns = new TestNamespace();

    private static ReleaseRequest.Builder stuck(ClusterFixture f, int build, String stage) {
        return f.request(build)
                .manifests(List.of())
                .manifest("k8s/web.yaml", ClusterFixture.manifests("web", 2, Map.of(KwokStages.LABEL, stage)));
    }

    @Test
    void aReleaseThatNeverBecomesReadyLeavesTheLiveOneServing() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        f.engine().deploy(f.request(1).build());
        assertThatThrownBy(() -> f.engine()
                        .deploy(stuck(f, 2, "never-" + UUID.randomUUID())
                                .rolloutTimeout(Duration.ofSeconds(5))
                                .build()))
                .isInstanceOf(ReleaseException.class)
                .hasMessageContaining("web v2 failed before the switch: " + ns.name() + "/web-v2 is not ready after"
                        + " 5 s: 0/2 ready")
                .hasMessageContaining(": Pending")
                .hasMessageContaining("v1 stays live and serving, v2 is scaled to 0");
        assertThat(f.selectedRelease("web")).isEqualTo("v1");
        f.awaitEndpoints("web", ClusterFixture.allOf("web-v1"));
        assertThat(f.specReplicas("web-v2")).isZero();
        f.assertHistory("v1", null);
        assertThat(f.engine().history("web", ns.name()).entries().get(0))
                .satisfies(e -> assertThat(e.outcome()).isEqualTo("failed"))
                .satisfies(e -> assertThat(e.message()).contains("not ready after 5 s"));
        assertThat(f.engine().releases("web", ns.name()))
                .extracting(ReleaseInfo::release, ReleaseInfo::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("v2", ReleaseState.FAILED),
                        org.assertj.core.groups.Tuple.tuple("v1", ReleaseState.LIVE));

        DeployResult v3 = f.engine().deploy(f.request(3).build());
        assertThat(v3.previous())
                .as("a failed release is never the previous one")
                .isEqualTo("v1");
    }

    @Test
    void imagePullBackOffEndsTheWaitAtOnceWithTheReason() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        try (KwokStages stages = f.podStages("pull", "Pending", 0, """
                state:
                  waiting:
                    reason: ImagePullBackOff
                    message: 'Back-off pulling image "{{ .image }}"'
                """)) {
            assertThatThrownBy(() -> f.engine()
                            .deploy(stuck(f, 1, stages.value())
                                    .rolloutTimeout(Duration.ofSeconds(60))
                                    .build()))
                    .isInstanceOf(ReleaseException.class)
                    .hasMessageContaining("web-v1 cannot become ready: pod " + ns.name() + "/web-v1-")
                    .hasMessageContaining("container web: ImagePullBackOff (Back-off pulling image")
                    .hasMessageContaining("no release was live");
            assertThat(ns.client()
                            .services()
                            .inNamespace(ns.name())
                            .withName("web")
                            .get())
                    .as("no Service selects a release that never became ready")
                    .isNull();
        }
    }

    @Test
    void aSelectorChangedByAnotherWriterIsNotOverwritten() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        f.engine().deploy(f.request(1).build());
        f.engine().deploy(f.request(2).build());
        ns.client()
                .services()
                .inNamespace(ns.name())
                .withName("web")
                .patch(
                        new PatchContext.Builder()
                                .withPatchType(PatchType.JSON_MERGE)
                                .withFieldManager("intruder")
                                .build(),
                        "{\"spec\":{\"selector\":{\"delivery.jenkins.io/release\":\"v1\"}}}");
        assertThatThrownBy(() -> f.engine().deploy(f.request(3).build()))
                .isInstanceOf(ReleaseException.class)
                .hasMessageContaining("Service " + ns.name() + "/web selects v1, not v2 as expected: concurrent"
                        + " change by intruder (Update");
        assertThat(f.selectedRelease("web")).isEqualTo("v1");
        assertThat(f.specReplicas("web-v3")).isZero();
        f.assertHistory("v2", "v1");
    }

    @Test
    void aSecondDeployWaitsForTheLeaseThenFailsNamingTheHolder() throws Exception {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        var first = java.util.concurrent.CompletableFuture.runAsync(() -> f.engine()
                .deploy(stuck(f, 1, "hold-" + UUID.randomUUID())
                        .rolloutTimeout(Duration.ofSeconds(15))
                        .build()));
        ns.client()
                .leases()
                .inNamespace(ns.name())
                .withName("web-delivery")
                .waitUntilCondition(
                        l -> l != null && l.getSpec().getHolderIdentity() != null,
                        30,
                        java.util.concurrent.TimeUnit.SECONDS);
        assertThatThrownBy(() -> f.engine()
                        .deploy(f.request(2)
                                .actor("bob")
                                .lockTimeout(Duration.ofSeconds(2))
                                .build()))
                .isInstanceOf(ReleaseException.class)
                .hasMessageContaining("/web is busy: deploy of web by alice (https://ci.example.com/job/web/1/)"
                        + " holds the Lease " + ns.name() + "/web-delivery; waited 2 s");
        assertThat(f.lines).anyMatch(l -> l.startsWith("waiting for deploy of web by alice"));
        assertThatThrownBy(first::join).hasMessageContaining("not ready after 15 s");
        assertThat(f.engine().history("web", ns.name()).lastRelease())
                .as("the refused deploy allocated nothing")
                .isEqualTo(1);
    }

    @Test
    void twoDeploysAtOnceRunOneAfterTheOther() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        var a = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> f.engine().deploy(f.request(1).build()));
        var b = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> f.engine().deploy(f.request(2).build()));
        DeployResult ra = a.join();
        DeployResult rb = b.join();
        assertThat(List.of(ra.release(), rb.release())).containsExactlyInAnyOrder("v1", "v2");
        DeployResult last = ra.release().equals("v2") ? ra : rb;
        assertThat(last.previous()).isEqualTo("v1");
        assertThat(f.selectedRelease("web")).isEqualTo("v2");
        f.assertHistory("v2", "v1");
        assertThat(f.engine().history("web", ns.name()).entries())
                .extracting(ReleaseHistory.Entry::outcome)
                .containsExactly("succeeded", "succeeded");
    }

    @Test
    void anUnschedulableReleaseTimesOutWithTheSchedulersReason() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        String nowhere = ClusterFixture.manifests("web", 1, Map.of())
                .replace(
                        "    spec:\n      containers:",
                        "    spec:\n      nodeSelector: {testenv.delivery.jenkins.io/node: nowhere}\n      containers:");
        assertThatThrownBy(() -> f.engine()
                        .deploy(f.request(1)
                                .manifests(List.of())
                                .manifest("web.yaml", nowhere)
                                .rolloutTimeout(Duration.ofSeconds(5))
                                .build()))
                .isInstanceOf(ReleaseException.class)
                .hasMessageContaining("is not ready after 5 s: 0/1 ready")
                .hasMessageContaining(": Unschedulable (0/2 nodes are available");
    }

    @Test
    void theExpiredLeaseOfADeadHolderIsTakenOver() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        java.time.ZonedDateTime longAgo =
                java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(5);
        ns.client()
                .leases()
                .inNamespace(ns.name())
                .resource(new io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder()
                        .withNewMetadata()
                        .withName("web-delivery")
                        .endMetadata()
                        .withNewSpec()
                        .withHolderIdentity("a-process-that-died")
                        .withLeaseDurationSeconds(2)
                        .withAcquireTime(longAgo)
                        .withRenewTime(longAgo)
                        .endSpec()
                        .build())
                .create();
        // expiry is timed on this process's clock from when it first saw the Lease (D-4), not from its renewTime
        assertThat(f.engine()
                        .deploy(f.request(1).lockTimeout(Duration.ofSeconds(30)).build())
                        .release())
                .isEqualTo("v1");
        var lease = ns.client()
                .leases()
                .inNamespace(ns.name())
                .withName("web-delivery")
                .get();
        assertThat(lease.getSpec().getHolderIdentity()).isNull();
        assertThat(lease.getSpec().getLeaseTransitions()).isEqualTo(1);
    }

    @Test
    void anAbortWhileWaitingLeavesTheLiveReleaseAndCleansUp() throws Exception {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        f.engine().deploy(f.request(1).build());
        java.util.concurrent.atomic.AtomicReference<Throwable> outcome =
                new java.util.concurrent.atomic.AtomicReference<>();
        Thread step = new Thread(() -> {
            try {
                f.engine().deploy(stuck(f, 2, "abort-" + UUID.randomUUID()).build());
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        step.start();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        String waiting = ns.name() + "/web-v2 0/2 ready";
        while (!f.lines.contains(waiting) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(f.lines)
                .as("the deploy is waiting for the rollout when it is aborted")
                .contains(waiting);
        step.interrupt();
        step.join(30_000);
        assertThat(outcome.get())
                .isInstanceOf(ReleaseException.class)
                .hasMessageContaining("interrupted while waiting for " + ns.name() + "/web-v2")
                .hasMessageContaining("v1 stays live");
        assertThat(f.selectedRelease("web")).isEqualTo("v1");
        assertThat(f.specReplicas("web-v2")).isZero();
        f.assertHistory("v1", null);
        assertThat(ns.client()
                        .leases()
                        .inNamespace(ns.name())
                        .withName("web-delivery")
                        .get()
                        .getSpec()
                        .getHolderIdentity())
                .as("the Lease is given up despite the interrupt")
                .isNull();
    }

    /** Review finding 6: shared objects (not the release's own) change only once the release is live. */
    @Test
    void sharedObjectsAreUpdatedOnlyAfterTheSwitch() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        java.util.function.IntFunction<String> shared = n ->
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name:" + " shared-settings}\ndata: {level: '" + n + "'}\n";
        f.engine().deploy(f.request(1).manifest("shared.yaml", shared.apply(1)).build());
        String ingress = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\nspec:\n"
                + "  rules:\n  - http:\n      paths:\n      - path: /\n        pathType: Prefix\n"
                + "        backend: {service: {name: web, port: {number: 80}}}\n";
        assertThatThrownBy(() -> f.engine()
                        .deploy(stuck(f, 2, "never-" + UUID.randomUUID())
                                .manifest("shared.yaml", shared.apply(2))
                                .manifest("ingress.yaml", ingress)
                                .rolloutTimeout(Duration.ofSeconds(3))
                                .build()))
                .isInstanceOf(ReleaseException.class)
                .hasMessageContaining("v1 stays live and serving")
                .hasMessageContaining(
                        "shared objects created by this deploy are left in place: Ingress " + ns.name() + "/web");
        assertThat(ns.client()
                        .configMaps()
                        .inNamespace(ns.name())
                        .withName("shared-settings")
                        .get()
                        .getData())
                .as("the live release's shared ConfigMap is untouched")
                .containsEntry("level", "1");

        f.engine().deploy(f.request(3).manifest("shared.yaml", shared.apply(3)).build());
        assertThat(ns.client()
                        .configMaps()
                        .inNamespace(ns.name())
                        .withName("shared-settings")
                        .get()
                        .getData())
                .containsEntry("level", "3");
        assertThat(f.lines).contains("applying 1 shared objects of " + ns.name() + "/web");
    }

    /** Review finding 7: the server's verdict comes from a dry run, before the Lease and before any change. */
    @Test
    void anObjectTheServerRejectsFailsTheDryRunBeforeAnyChange() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        f.engine().deploy(f.request(1).build());
        String history = ns.client()
                .configMaps()
                .inNamespace(ns.name())
                .withName("web-releases")
                .get()
                .getMetadata()
                .getResourceVersion();
        String ingress = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\nspec:\n"
                + "  rules:\n  - http:\n      paths:\n      - path: /\n        pathType: Sideways\n"
                + "        backend: {service: {name: web, port: {number: 80}}}\n";
        assertThatThrownBy(() -> f.engine()
                        .deploy(f.request(2).manifest("ingress.yaml", ingress).build()))
                .isInstanceOf(ReleaseException.class)
                .hasMessageContaining("dry run: the API server rejected Ingress " + ns.name() + "/web (HTTP 422)")
                .hasMessageContaining("Unsupported value: \"Sideways\"")
                .hasMessageEndingWith("; nothing was changed");
        assertThat(f.selectedRelease("web")).isEqualTo("v1");
        assertThat(ns.client()
                        .apps()
                        .deployments()
                        .inNamespace(ns.name())
                        .withName("web-v2")
                        .get())
                .isNull();
        assertThat(ns.client()
                        .network()
                        .v1()
                        .ingresses()
                        .inNamespace(ns.name())
                        .withName("web")
                        .get())
                .isNull();

        // review finding 23: a distinctive key and value, looked for everywhere the failure is written down
        String value = "hunter2-TOPSECRET";
        String secret = "apiVersion: v1\nkind: Secret\nmetadata: {name: creds}\nstringData: {'key with spaces " + value
                + "': '" + value + "'}\n";
        assertThatThrownBy(() -> f.engine()
                        .deploy(f.request(3).manifest("secret.yaml", secret).build()))
                .hasMessageContaining("the API server rejected Secret " + ns.name() + "/creds (HTTP 422)")
                .hasMessageNotContaining("key with spaces")
                .hasMessageNotContaining(value)
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(value));
        assertThat(ns.client()
                        .configMaps()
                        .inNamespace(ns.name())
                        .withName("web-releases")
                        .get()
                        .getMetadata()
                        .getResourceVersion())
                .as("the history is not written")
                .isEqualTo(history);
        assertThat(f.lines).noneMatch(l -> l.contains(value));
        // a real apply rejected after the dry run: its message is what the history and the failure annotation get
        GenericKubernetesResource creds =
                io.fabric8.kubernetes.client.utils.Serialization.unmarshal(secret, GenericKubernetesResource.class);
        assertThatThrownBy(() -> ObjectApplier.apply(ns.client(), ns.name(), List.of(creds)))
                .hasMessageContaining("the API server rejected Secret " + ns.name() + "/creds (HTTP 422)")
                .hasMessageNotContaining(value)
                .hasNoCause();

        String broken =
                "apiVersion: v1\nkind: Secret\nmetadata: {name: creds}\nstringData:\n  password: \"" + value + "\n";
        assertThatThrownBy(() -> f.engine()
                        .deploy(f.request(4).manifest("secret.yaml", broken).build()))
                .hasMessageContaining("secret.yaml is not valid YAML")
                .hasMessageContaining("line ")
                .hasMessageNotContaining(value);
    }

    private static String stackTrace(Throwable t) {
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }

    @Test
    void clusterChecksFailBeforeAnyChange() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        String missing = ns.name() + "-missing";
        assertThatThrownBy(() -> f.engine()
                        .deploy(ReleaseRequest.builder("web", missing)
                                .manifest("k8s/web.yaml", ClusterFixture.manifests("web", 1, Map.of()))
                                .image("registry.example.com/shop/web@" + Fixtures.DIGEST)
                                .build()))
                .hasMessage("namespace " + missing + " does not exist; nothing was changed. Create it,"
                        + " or deploy to another one.");
        assertThatThrownBy(
                        () -> f.engine().deploy(f.request(1).service("checkout").build()))
                .hasMessageContaining("Service " + ns.name() + "/checkout is neither in the manifests nor in the"
                        + " cluster; nothing was changed");
        assertThatThrownBy(() -> f.engine()
                        .deploy(f.request(1)
                                .manifest(
                                        "m.yaml",
                                        "apiVersion: nothing.example.com/v1\nkind: Widget\nmetadata: {name: w}\n")
                                .build()))
                .hasMessageContaining("the cluster serves no kind Widget in nothing.example.com/v1 (Widget w);"
                        + " nothing was changed");
        assertThat(ns.client()
                        .configMaps()
                        .inNamespace(ns.name())
                        .withName("web-releases")
                        .get())
                .isNull();
        assertThat(ns.client()
                        .leases()
                        .inNamespace(ns.name())
                        .withName("web-delivery")
                        .get())
                .isNull();
        assertThat(ns.client()
                        .apps()
                        .deployments()
                        .inNamespace(ns.name())
                        .list()
                        .getItems())
                .isEmpty();
    }

    @Test
    void anOomKilledContainerEndsTheWaitWithTheReason() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        try (KwokStages stages = f.podStages("oom", "Running", 3, """
                state:
                  waiting:
                    reason: CrashLoopBackOff
                    message: 'back-off 40s restarting failed container'
                lastState:
                  terminated:
                    exitCode: 137
                    reason: OOMKilled
                """)) {
            assertThatThrownBy(
                            () -> f.engine().deploy(stuck(f, 1, stages.value()).build()))
                    .isInstanceOf(ReleaseException.class)
                    .hasMessageContaining("container web: CrashLoopBackOff (back-off 40s restarting failed container);"
                            + " last terminated: OOMKilled, exit code 137");
        }
    }
}
