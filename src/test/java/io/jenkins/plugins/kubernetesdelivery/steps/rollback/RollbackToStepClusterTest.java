package io.jenkins.plugins.kubernetesdelivery.steps.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.AbortException;
import hudson.model.Result;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.jenkins.plugins.kubernetesdelivery.Environment;
import io.jenkins.plugins.kubernetesdelivery.KubernetesCluster;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ClusterFixture;
import io.jenkins.plugins.kubernetesdelivery.engine.release.CountingClient;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseHistory;
import io.jenkins.plugins.kubernetesdelivery.steps.DeliveryRecord;
import io.jenkins.plugins.kubernetesdelivery.steps.FakeStepContext;
import io.jenkins.plugins.kubernetesdelivery.steps.FakeStepServices;
import io.jenkins.plugins.kubernetesdelivery.steps.RiverPickles;
import io.jenkins.plugins.kubernetesdelivery.steps.StepServices;
import io.jenkins.plugins.kubernetesdelivery.testenv.KwokStages;
import io.jenkins.plugins.kubernetesdelivery.testenv.TestNamespace;
import io.jenkins.plugins.kubernetesdelivery.testenv.Testenv;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import jenkins.model.CauseOfInterruption;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real {@code rollbackTo} execution against testenv, on a fake step context: a warm rollback, a cold one stopped
 * halfway, a controller restart halfway through a cold one, and a restart before anything was written.
 */
@Tag("cluster")
class RollbackToStepClusterTest {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @RegisterExtension
    TestNamespace ns = new TestNamespace();

    /** Stands for the controller going away on the step's thread: no failure handling runs for an Error. */
    static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;

        SimulatedCrash() {
            super("simulated controller restart");
        }
    }

    /** Services whose environment "production" is testenv's namespace of the test; clients from {@code clients}. */
    private FakeStepServices services(java.util.function.Supplier<KubernetesClient> clients) {
        Environment production = new Environment("production", "testenv");
        production.setNamespace(ns.name());
        return new FakeStepServices()
                .cluster(new KubernetesCluster("testenv"))
                .environment(production)
                .clients(t -> clients.get());
    }

    private static KubernetesClient newClient() {
        return new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(
                        null, Testenv.kubeconfigText(), Testenv.kubeconfig().toString()))
                .build();
    }

    private static RollbackToStep step(String release, String reason) {
        RollbackToStep step = new RollbackToStep("web");
        step.setEnvironment("production");
        step.setRelease(release);
        step.setReason(reason);
        return step;
    }

    private static FlowInterruptedException aborted() {
        return new FlowInterruptedException(Result.ABORTED, true, new CauseOfInterruption() {
            private static final long serialVersionUID = 1L;

            @Override
            public String getShortDescription() {
                return "Aborted by bob";
            }
        });
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** Deploys v1 to v3 (v1 ends cold), then makes v1's pods wait for a Stage of {@code stages} to become ready. */
    private ClusterFixture threeReleasesWithV1Cold(KwokStages stages) {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        for (int build = 1; build <= 3; build++) {
            f.engine().deploy(f.request(build).build());
        }
        assertThat(f.specReplicas("web-v1")).as("cold").isZero();
        ns.client()
                .apps()
                .deployments()
                .inNamespace(ns.name())
                .withName("web-v1")
                .patch(
                        new PatchContext.Builder()
                                .withPatchType(PatchType.JSON_MERGE)
                                .build(),
                        "{\"spec\":{\"template\":{\"metadata\":{\"labels\":{\"" + KwokStages.LABEL + "\":\""
                                + stages.value() + "\"}}}}}");
        return f;
    }

    /** A Stage that makes the pods of {@code stages} Running and Ready once they have been Pending for {@code delay}. */
    private static void readyAfter(KwokStages stages, Duration delay) {
        stages.stage("ready")
                .when(".status.phase", "In", "Pending")
                .after(delay)
                .create("""
                conditions:
                - type: Initialized
                  status: "True"
                  lastTransitionTime: {{ Now | Quote }}
                - type: Ready
                  status: "True"
                  lastTransitionTime: {{ Now | Quote }}
                - type: ContainersReady
                  status: "True"
                  lastTransitionTime: {{ Now | Quote }}
                """ + KwokStages.statuses("containers", true, 0, """
                state:
                  running:
                    startedAt: {{ Now | Quote }}
                """) + """
                {{ with PodIPsWith .spec.nodeName false ( or .metadata.uid "" ) ( or .metadata.name "" ) ( or .metadata.namespace "" ) }}
                podIP: {{ index . 0 | Quote }}
                {{ end }}
                phase: Running
                startTime: {{ Now | Quote }}
                """);
    }

    private ReleaseHistory history() {
        return new ClusterFixture(ns.client(), ns.name()).engine().history("web", ns.name());
    }

    private String resourceVersion(String kind, String name) {
        return (kind.equals("ConfigMap")
                        ? ns.client()
                                .configMaps()
                                .inNamespace(ns.name())
                                .withName(name)
                                .get()
                        : ns.client()
                                .services()
                                .inNamespace(ns.name())
                                .withName(name)
                                .get())
                .getMetadata()
                .getResourceVersion();
    }

    @Test
    void aWarmRollbackReturnsTheMapPrintsItsLinesAndIsRecorded() throws Exception {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        f.engine().deploy(f.request(1).build());
        f.engine().deploy(f.request(2).build());
        FakeStepServices services = services(RollbackToStepClusterTest::newClient);
        FakeStepContext context = new FakeStepContext().withLog().with(StepServices.class, services);

        StepExecution execution = step("previous", "errors after v2").start(context);
        assertThat(execution.start()).isFalse();
        Object value = context.awaitSuccess(WAIT);
        System.out.print(context.log());

        assertThat(value).isEqualTo(Map.of("release", "v1", "from", "v2", "cold", false, "services", List.of("web")));
        String where = ns.name() + "/web";
        assertThat(context.log())
                .contains(
                        "rollbackTo: rolling back " + where + " to previous in production (testenv/" + ns.name()
                                + ")\n",
                        "rollbackTo: Service " + where + " switched from v2 to v1\n",
                        "rollbackTo: " + where + " is back on v1 (was v2, warm)\n");
        assertThat(context.log()).doesNotContain("rollbackTo: rollbackTo");
        assertThat(execution.getStatus()).isEqualTo(where + " is back on v1 (was v2, warm)");
        assertThat(context.saves())
                .as("the handle, saved once before the first write")
                .isEqualTo(1);
        assertThat(context.completions()).isEqualTo(1);
        assertThat(f.selectedRelease("web")).isEqualTo("v1");
        f.assertHistory("v1", "v2");
        assertThat(history().entries().get(0)).satisfies(e -> {
            assertThat(e.action()).isEqualTo("rollback");
            assertThat(e.by()).as("the user who started the build").isEqualTo("alice");
            assertThat(e.reason()).isEqualTo("errors after v2");
            assertThat(e.pinnedTo()).isEqualTo("v1");
        });
        assertThat(services.action().getRecords()).singleElement().satisfies(r -> {
            assertThat(r.getKind()).isEqualTo(DeliveryRecord.Kind.ROLLBACK);
            assertThat(r.getOutcome()).isEqualTo(DeliveryRecord.Outcome.SUCCEEDED);
            assertThat(r.getEnvironment()).isEqualTo("production");
            assertThat(r.getNamespace()).isEqualTo(ns.name());
            assertThat(r.getRelease()).isEqualTo("v1");
            assertThat(r.getPrevious()).isEqualTo("v2");
            assertThat(r.getWho()).isEqualTo("alice");
            assertThat(r.getNote()).isEqualTo("errors after v2");
        });
        assertThat(services.action().line(services.action().getRecords().get(0)))
                .isEqualTo("Rolled back " + where + " in production to v1 (was v2), by alice: errors after v2");
    }

    @Test
    void aColdRollbackStoppedHalfwayGivesEverythingBackAndFailsOnceWithTheStopCause() throws Exception {
        try (KwokStages stages = new KwokStages(ns.client(), "slow")) {
            ClusterFixture f = threeReleasesWithV1Cold(stages);
            readyAfter(stages, Duration.ofMinutes(10));
            FakeStepServices services = services(RollbackToStepClusterTest::newClient);
            FakeStepContext context = new FakeStepContext().withLog().with(StepServices.class, services);
            StepExecution execution = step("v1", "v2 and v3 are bad").start(context);
            execution.start();
            await(
                    "v1 is being scaled up",
                    () -> f.specReplicas("web-v1") == 2 && context.log().contains("is cold; scaling it up"));

            FlowInterruptedException cause = aborted();
            execution.stop(cause);

            assertThat(context.awaitFailure(WAIT)).isSameAs(cause);
            System.out.print(context.log());
            assertThat(cause.getSuppressed()).hasSize(1);
            assertThat(cause.getSuppressed()[0])
                    .isInstanceOf(AbortException.class)
                    .hasMessageContaining("rollback to v1 failed: interrupted") // while waiting, or "(the step …)"
                    .hasMessageEndingWith("; v3 stays live, v1 is scaled to 0 again");
            assertThat(context.log())
                    .contains("rollbackTo: the rollback of " + ns.name() + "/web to v1 failed;" + " v3 stays live");
            assertThat(context.completions()).isEqualTo(1);
            Lease lease = ns.client()
                    .leases()
                    .inNamespace(ns.name())
                    .withName("web-delivery")
                    .get();
            assertThat(lease.getSpec().getHolderIdentity())
                    .as("the Lease is given back")
                    .isNull();
            assertThat(f.selectedRelease("web")).as("no Service switched").isEqualTo("v3");
            assertThat(f.specReplicas("web-v1")).isZero();
            f.assertHistory("v3", "v2");
            assertThat(history().pin()).isNull();
            assertThat(history().entries().get(0).outcome()).isEqualTo("failed");
            assertThat(services.action().getRecords())
                    .singleElement()
                    .satisfies(r -> assertThat(r.getOutcome()).isEqualTo(DeliveryRecord.Outcome.FAILED));
        }
    }

    @Test
    void aRestartHalfwayThroughAColdRollbackResumesWithExactlyOneSwitch() throws Exception {
        try (KwokStages stages = new KwokStages(ns.client(), "restart")) {
            ClusterFixture f = threeReleasesWithV1Cold(stages);
            // the controller "dies" on the step's thread when it reports the cold start, after the handle was saved
            PrintStream dying = new PrintStream(
                    new OutputStream() {
                        private final StringBuilder line = new StringBuilder();

                        @Override
                        public void write(int b) {
                            line.append((char) b);
                            if (line.indexOf("is cold; scaling it up") >= 0) {
                                throw new SimulatedCrash();
                            }
                        }
                    },
                    true,
                    StandardCharsets.UTF_8);
            FakeStepContext before = new FakeStepContext()
                    .with(hudson.model.TaskListener.class, () -> dying)
                    .with(StepServices.class, services(RollbackToStepClusterTest::newClient));
            StepExecution execution = step("v1", "v3 is broken").start(before);
            execution.start();
            assertThat(before.awaitFailure(WAIT)).isInstanceOf(SimulatedCrash.class);
            assertThat(before.saves()).isEqualTo(1);
            assertThat(history().current().phase()).isEqualTo(ReleaseHistory.Phase.SCALING);
            assertThat(f.selectedRelease("web")).isEqualTo("v3");

            StepExecution restored = RiverPickles.roundTrip(execution);
            readyAfter(stages, Duration.ofSeconds(2));
            try (CountingClient counting = new CountingClient()) {
                FakeStepContext context = (FakeStepContext) restored.getContext();
                FakeStepServices services = services(() -> counting.client);
                context.withLog().with(StepServices.class, services);
                restored.onResume();

                assertThat(context.awaitSuccess(WAIT))
                        .isEqualTo(Map.of("release", "v1", "from", "v3", "cold", true, "services", List.of("web")));
                System.out.print(context.log());
                assertThat(counting.count("PATCH /api/v1/namespaces/" + ns.name() + "/services/web"))
                        .as("exactly one selector switch")
                        .isEqualTo(1);
                assertThat(context.log())
                        .contains(
                                "rollbackTo: resuming the rollback of " + ns.name() + "/web to v1",
                                "rollbackTo: " + ns.name() + "/web is back on v1 (was v3, cold: scaled up first)");
                assertThat(context.completions()).isEqualTo(1);
                assertThat(services.action().getRecords())
                        .singleElement()
                        .satisfies(r -> assertThat(r.getOutcome()).isEqualTo(DeliveryRecord.Outcome.SUCCEEDED));
            }
            f.assertHistory("v1", "v3");
            assertThat(history().entries())
                    .filteredOn(e -> e.action().equals("rollback"))
                    .singleElement()
                    .satisfies(e -> assertThat(e.outcome()).isEqualTo("succeeded"));
            assertThat(f.specReplicas("web-v1")).isEqualTo(2);
        }
    }

    @Test
    void aRestartBeforeTheHandleWasSavedFailsRunItAgainAndChangesNothing() throws Exception {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        f.engine().deploy(f.request(1).build());
        f.engine().deploy(f.request(2).build());
        String history = resourceVersion("ConfigMap", "web-releases");
        String service = resourceVersion("Service", "web");
        CountDownLatch opening = new CountDownLatch(1);
        CountDownLatch dies = new CountDownLatch(1);
        FakeStepContext before = new FakeStepContext().withLog().with(StepServices.class, services(() -> {
            opening.countDown();
            try {
                dies.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new SimulatedCrash();
        }));
        StepExecution execution = step("previous", "too early").start(before);
        execution.start();
        assertThat(opening.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        StepExecution restored = RiverPickles.roundTrip(execution);
        dies.countDown();
        assertThat(before.awaitFailure(WAIT)).isInstanceOf(SimulatedCrash.class);
        FakeStepServices services = services(() -> {
            throw new AssertionError("no client after a restart before the first write");
        });
        FakeStepContext context = (FakeStepContext) restored.getContext();
        context.withLog().with(StepServices.class, services);
        restored.onResume();

        assertThat(context.awaitFailure(WAIT))
                .isExactlyInstanceOf(AbortException.class)
                .hasMessage(
                        "The controller restarted before rollbackTo changed anything in the cluster; nothing was changed;"
                                + " run it again.");
        assertThat(before.saves()).isZero();
        assertThat(services.clientsOpened()).isZero();
        assertThat(resourceVersion("ConfigMap", "web-releases")).isEqualTo(history);
        assertThat(resourceVersion("Service", "web")).isEqualTo(service);
        assertThat(f.selectedRelease("web")).isEqualTo("v2");
    }
}
