package io.jenkins.plugins.kubernetesdelivery.steps.deploy;

import static io.jenkins.plugins.kubernetesdelivery.steps.deploy.DeployFixtures.MANIFEST_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.TaskListener;
import hudson.util.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.jenkins.plugins.kubernetesdelivery.Approval;
import io.jenkins.plugins.kubernetesdelivery.Environment;
import io.jenkins.plugins.kubernetesdelivery.KubernetesCluster;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseEngine;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseHistory;
import io.jenkins.plugins.kubernetesdelivery.steps.ApprovalGate;
import io.jenkins.plugins.kubernetesdelivery.steps.DeliveryRecord;
import io.jenkins.plugins.kubernetesdelivery.steps.FakeStepContext;
import io.jenkins.plugins.kubernetesdelivery.steps.FakeStepServices;
import io.jenkins.plugins.kubernetesdelivery.steps.RiverPickles;
import io.jenkins.plugins.kubernetesdelivery.steps.StepServices;
import io.jenkins.plugins.kubernetesdelivery.testenv.KwokStages;
import io.jenkins.plugins.kubernetesdelivery.testenv.TestNamespace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real deployLabeled execution against testenv, with a {@link FakeStepContext} and {@link FakeStepServices}: a
 * deploy, a second one, a stop mid-rollout, and controller restarts (the execution pickled as Pipeline saves it).
 */
@Tag("cluster")
class DeployLabeledStepClusterTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @RegisterExtension
    TestNamespace ns = new TestNamespace();

    @TempDir
    Path ws;

    private final DeployTestenv.Requests requests = new DeployTestenv.Requests();

    private FakeStepServices services() {
        Environment staging = new Environment("staging", "testenv");
        staging.setNamespace(ns.name());
        return new FakeStepServices()
                .cluster(new KubernetesCluster("testenv"))
                .environment(staging)
                .clients(t -> requests.client());
    }

    private static FakeStepContext context(FakeStepServices services, StepLog log) {
        // the fallback gate, as in Jenkins until approveFor registers its own (no extension lookup offline)
        return new FakeStepContext()
                .with(StepServices.class, services)
                .with(TaskListener.class, log)
                .with(ApprovalGate.class, DeployApproval.WITHOUT_A_GATE);
    }

    /** Build {@code n} of app web with the manifests in the workspace's k8s/ directory. */
    private DeployLabeledStep withManifests(int n) {
        DeployLabeledStep s = new DeployLabeledStep("web");
        s.setEnvironment("staging");
        s.setImage(DeployTestenv.image(n));
        s.setManifests("k8s/");
        s.setSchemaVersion("1");
        s.setTimeout(2);
        return s;
    }

    private void writeManifests(Map<String, String> podLabels) throws Exception {
        Files.createDirectories(ws.resolve("k8s"));
        Files.writeString(ws.resolve("k8s/web.yaml"), DeployTestenv.manifests("web", 2, podLabels));
        Files.writeString(ws.resolve("k8s/secret.yaml"), DeployTestenv.secret());
        Files.writeString(ws.resolve("k8s/README.md"), "how to deploy\n");
    }

    private static StepExecution start(DeployLabeledStep step, FakeStepContext context) throws Exception {
        StepExecution e = step.start(context);
        assertThat(e.start()).as("asynchronous").isFalse();
        return e;
    }

    private Object deploy(DeployLabeledStep step, FakeStepServices services, StepLog log) throws Exception {
        FakeStepContext context = context(services, log).with(FilePath.class, new FilePath(ws.toFile()));
        start(step, context);
        Object value = context.awaitSuccess(WAIT);
        assertThat(context.completions()).isEqualTo(1);
        return value;
    }

    private ReleaseEngine engine() {
        return new ReleaseEngine(ns.client(), line -> {}, Clock.systemUTC());
    }

    private String selected(String service) {
        return ns.client()
                .services()
                .inNamespace(ns.name())
                .withName(service)
                .get()
                .getSpec()
                .getSelector()
                .get("delivery.jenkins.io/release");
    }

    private int replicas(String deployment) {
        return ns.client()
                .apps()
                .deployments()
                .inNamespace(ns.name())
                .withName(deployment)
                .get()
                .getSpec()
                .getReplicas();
    }

    @Test
    void anApprovedDeployToAGatedEnvironmentRecordsTheApproverInTheRelease() throws Exception {
        Environment production = new Environment("production", "testenv");
        production.setNamespace(ns.name());
        production.setApproval(new Approval("release-managers"));
        FakeStepServices services = new FakeStepServices()
                .cluster(new KubernetesCluster("testenv"))
                .environment(production)
                .clients(t -> requests.client());
        List<String> asked = new ArrayList<>();
        ApprovalGate carolApproved = (target, run) -> {
            asked.add(target.environmentName() + " " + (target.approval() != null));
            return "carol";
        };
        DeployLabeledStep s = new DeployLabeledStep("web");
        s.setEnvironment("production");
        s.setImage(DeployTestenv.image(1));
        s.setReplicas(1);
        FakeStepContext context = new FakeStepContext()
                .with(StepServices.class, services)
                .with(TaskListener.class, new StepLog())
                .with(ApprovalGate.class, carolApproved);
        start(s, context);
        context.awaitSuccess(WAIT);

        assertThat(asked)
                .as("the gate is asked once, with the environment's policy")
                .containsExactly("production true");
        assertThat(engine().history("web", ns.name()).entries())
                .singleElement()
                .satisfies(e -> assertThat(e.approver()).isEqualTo("carol"));
        assertThat(ns.client()
                        .apps()
                        .deployments()
                        .inNamespace(ns.name())
                        .withName("web-v1")
                        .get()
                        .getMetadata()
                        .getAnnotations())
                .containsEntry("delivery.jenkins.io/approver", "carol");
    }

    @Test
    void aRefusingGateChangesNothingInTheCluster() throws Exception {
        Environment production = new Environment("production", "testenv");
        production.setNamespace(ns.name());
        production.setApproval(new Approval("release-managers"));
        FakeStepServices services = new FakeStepServices()
                .cluster(new KubernetesCluster("testenv"))
                .environment(production)
                .clients(t -> requests.client());
        DeployLabeledStep s = new DeployLabeledStep("web");
        s.setEnvironment("production");
        s.setImage(DeployTestenv.image(1));
        FakeStepContext context = new FakeStepContext()
                .with(StepServices.class, services)
                .with(TaskListener.class, new StepLog())
                .with(ApprovalGate.class, (target, run) -> {
                    throw new AbortException("no approval for " + target.environmentName());
                });

        assertThatThrownBy(() -> s.start(context).start())
                .isInstanceOf(AbortException.class)
                .hasMessage("no approval for production");
        assertThat(ns.client()
                        .apps()
                        .deployments()
                        .inNamespace(ns.name())
                        .list()
                        .getItems())
                .isEmpty();
        assertThat(ns.client().configMaps().inNamespace(ns.name()).list().getItems())
                .noneMatch(c -> c.getMetadata().getName().contains("web"));
    }

    @Test
    void deploysTheGeneratedAppWithoutAWorkspaceAndReturnsTheMap() throws Exception {
        DeployLabeledStep s = new DeployLabeledStep("web");
        s.setEnvironment("staging");
        s.setImage(DeployTestenv.image(1));
        s.setSchemaVersion("42");
        s.setReplicas(2);
        FakeStepServices services = services();
        StepLog log = new StepLog();
        FakeStepContext context = context(services, log);
        start(s, context);

        assertThat(context.awaitSuccess(WAIT)).isEqualTo(map("v1", null));
        assertThat(context.completions()).isEqualTo(1);
        assertThat(context.saves()).as("the handle was saved").isEqualTo(1);
        assertThat(log.text())
                .startsWith("deployLabeled: ")
                .contains("deployLabeled: deploying " + ns.name() + "/web v1 (live: none)")
                .endsWith("deployLabeled: " + ns.name() + "/web v1 is live (was none)\n")
                .doesNotContain("reading manifests");
        assertThat(log.text().lines()).allMatch(l -> l.startsWith("deployLabeled: "));
        assertThat(services.action().getRecords()).singleElement().satisfies(r -> {
            assertThat(r.getKind()).isEqualTo(DeliveryRecord.Kind.DEPLOY);
            assertThat(r.getOutcome()).isEqualTo(DeliveryRecord.Outcome.SUCCEEDED);
            assertThat(r.getRelease()).isEqualTo("v1");
            assertThat(r.getEnvironment()).isEqualTo("staging");
            assertThat(r.getDigest()).isEqualTo("sha256:" + String.format("%064x", 1));
            assertThat(r.getWho()).isEqualTo("alice");
        });

        Deployment d = ns.client()
                .apps()
                .deployments()
                .inNamespace(ns.name())
                .withName("web-v1")
                .get();
        assertThat(d.getSpec().getReplicas()).isEqualTo(2);
        assertThat(d.getMetadata().getAnnotations())
                .containsEntry("delivery.jenkins.io/git-commit", FakeStepServices.FACTS.gitCommit())
                .containsEntry("delivery.jenkins.io/build-url", FakeStepServices.FACTS.buildUrl())
                .containsEntry("delivery.jenkins.io/deployed-by", "alice")
                .containsEntry("delivery.jenkins.io/schema-version", "42");
        assertThat(d.getMetadata().getLabels())
                .as("no user value becomes a label")
                .containsEntry("app.kubernetes.io/version", "v1")
                .doesNotContainValue("42")
                .doesNotContainValue(FakeStepServices.FACTS.gitCommit());
        assertThat(selected("web")).isEqualTo("v1");
    }

    @Test
    void aSecondDeployKeepsTheFirstWarm() throws Exception {
        writeManifests(Map.of());
        FakeStepServices services = services();
        StepLog first = new StepLog();
        assertThat(deploy(withManifests(1), services, first)).isEqualTo(map("v1", null));
        assertThat(first.text())
                .contains("deployLabeled: reading manifests 'k8s/' from the workspace\n"
                        + "deployLabeled: read 2 manifest files: k8s/secret.yaml, k8s/web.yaml (skipped, not .yaml, .yml or"
                        + " .json: k8s/README.md)\n");

        StepLog second = new StepLog();
        assertThat(deploy(withManifests(2), services, second)).isEqualTo(map("v2", "v1"));
        assertThat(second.text()).endsWith("deployLabeled: " + ns.name() + "/web v2 is live (was v1)\n");
        assertThat(selected("web")).isEqualTo("v2");
        assertThat(replicas("web-v1")).as("the previous release stays warm").isEqualTo(2);
        assertThat(replicas("web-v2")).isEqualTo(2);
        assertThat(services.action().getRecords())
                .extracting(DeliveryRecord::getRelease, DeliveryRecord::getPrevious)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("v1", null),
                        org.assertj.core.groups.Tuple.tuple("v2", "v1"));
        assertThat(first.text() + second.text()).doesNotContain(MANIFEST_SECRET);
    }

    private Map<String, Object> map(String release, String previous) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("release", release);
        m.put("previous", previous);
        m.put("namespace", ns.name());
        m.put("services", List.of("web"));
        return m;
    }

    @Test
    void aStopMidRolloutLeavesTheLiveReleaseAndGivesTheLeaseBack() throws Exception {
        writeManifests(Map.of());
        FakeStepServices services = services();
        deploy(withManifests(1), services, new StepLog());
        FakeStepContext context;
        try (KwokStages stages = DeployTestenv.readyAfter(ns.client(), "late", Duration.ofMinutes(5))) {
            writeManifests(stages.podLabels());
            StepLog log = new StepLog();
            context = context(services, log).with(FilePath.class, new FilePath(ws.toFile()));
            StepExecution execution = start(withManifests(2), context);
            log.await(ns.name() + "/web-v2 0/2 ready", WAIT);

            FlowInterruptedException cause = new FlowInterruptedException(hudson.model.Result.ABORTED, true);
            execution.stop(cause);
            assertThat(context.awaitFailure(WAIT)).isSameAs(cause);
            assertThat(cause.getSuppressed()).singleElement().asString().contains("interrupted");
            assertThat(log.text()).contains("v1 stays live");
        }
        assertThat(selected("web")).isEqualTo("v1");
        assertThat(replicas("web-v2")).isZero();
        assertThat(replicas("web-v1")).isEqualTo(2);
        assertThat(ns.client()
                        .leases()
                        .inNamespace(ns.name())
                        .withName("web-delivery")
                        .get()
                        .getSpec()
                        .getHolderIdentity())
                .as("the Lease is given back")
                .isNull();
        ReleaseHistory h = engine().history("web", ns.name());
        assertThat(h.live()).isEqualTo("v1");
        assertThat(h.current()).isNull();
        assertThat(h.entries().get(0).outcome()).isEqualTo(ReleaseHistory.Outcome.FAILED);
        assertThat(services.action().getRecords())
                .extracting(DeliveryRecord::getOutcome)
                .containsExactly(DeliveryRecord.Outcome.SUCCEEDED, DeliveryRecord.Outcome.FAILED);
        Thread.sleep(500); // a late second outcome would show up here
        assertThat(context.completions()).isEqualTo(1);
    }

    /**
     * The controller goes away mid-rollout: the execution as Pipeline saved it (pickled once its handle was saved)
     * resumes on a new context and finishes with exactly one apply; the saved form holds no manifest Secret.
     */
    @Test
    void aRestartMidRolloutResumesWithExactlyOneApply() throws Exception {
        writeManifests(Map.of());
        FakeStepServices services = services();
        deploy(withManifests(1), services, new StepLog());
        RiverPickles.Pickled pickled;
        try (KwokStages stages = DeployTestenv.readyAfter(ns.client(), "slow", Duration.ofSeconds(4))) {
            writeManifests(stages.podLabels());
            pickled = pickleMidRollout();
        }
        assertThat(new String(pickled.program(), StandardCharsets.ISO_8859_1)).doesNotContain(MANIFEST_SECRET);
        assertThat(pickled.ephemerals()).allMatch(o -> o instanceof Secret);
        assertThat(engine().history("web", ns.name()).current().phase()).isEqualTo(ReleaseHistory.Phase.APPLIED);

        DeployLabeledStepExecution restored = RiverPickles.unpickle(pickled, DeployLabeledStepExecution.class);
        FakeStepContext context = (FakeStepContext) restored.getContext();
        StepLog log = new StepLog();
        FakeStepServices after = services();
        context.with(StepServices.class, after).with(TaskListener.class, log);
        int patchesBefore = requests.count("PATCH /apis/apps/v1/namespaces/" + ns.name() + "/deployments/web-v2");
        restored.onResume();

        assertThat(context.awaitSuccess(WAIT)).isEqualTo(map("v2", "v1"));
        assertThat(context.completions()).isEqualTo(1);
        assertThat(patchesBefore).as("applied once before the restart").isEqualTo(1);
        assertThat(requests.count("PATCH /apis/apps/v1/namespaces/" + ns.name() + "/deployments/web-v2"))
                .as("not applied again")
                .isEqualTo(1);
        assertThat(requests.count("PATCH /api/v1/namespaces/" + ns.name() + "/services/web"))
                .isEqualTo(2);
        assertThat(log.text())
                .contains("deployLabeled: resuming the deploy of " + ns.name() + "/web after a" + " restart")
                .contains("at phase applied")
                .doesNotContainPattern("applying \\d+ objects");
        assertThat(selected("web")).isEqualTo("v2");
        assertThat(after.action().getRecords())
                .extracting(DeliveryRecord::getRelease)
                .containsExactly("v2");
        assertThat(engine().history("web", ns.name()).entries()).hasSize(2);
    }

    /**
     * Starts build 2 and pickles the execution while its pods are not ready yet; the original worker then dies at
     * the next line it prints itself (after the rollout), as if the controller had gone away.
     */
    private RiverPickles.Pickled pickleMidRollout() throws Exception {
        StepLog log = new StepLog().crashAt("web-preview has ");
        FakeStepContext context = context(services(), log).with(FilePath.class, new FilePath(ws.toFile()));
        StepExecution execution = start(withManifests(2), context);
        log.await(ns.name() + "/web-v2 0/2 ready", WAIT);
        RiverPickles.Pickled pickled = RiverPickles.pickle(execution);
        assertThat(context.awaitFailure(WAIT)).isInstanceOf(StepLog.Crash.class);
        return pickled;
    }

    @Test
    void aResumeWithAnotherRequestIsRefusedAndChangesNothing() throws Exception {
        writeManifests(Map.of());
        FakeStepServices services = services();
        deploy(withManifests(1), services, new StepLog());
        RiverPickles.Pickled pickled;
        try (KwokStages stages = DeployTestenv.readyAfter(ns.client(), "slow", Duration.ofSeconds(4))) {
            writeManifests(stages.podLabels());
            pickled = pickleMidRollout();
        }
        // program.dat restored with other manifest text (its Secrets are written apart from the program)
        List<Object> other = new ArrayList<>();
        for (Object o : pickled.ephemerals()) {
            other.add(Secret.fromString(((Secret) o).getPlainText().replace("replicas: 2", "replicas: 3")));
        }
        DeployLabeledStepExecution restored = RiverPickles.unpickle(
                new RiverPickles.Pickled(pickled.program(), other), DeployLabeledStepExecution.class);
        FakeStepContext context = (FakeStepContext) restored.getContext();
        StepLog log = new StepLog();
        context.with(StepServices.class, services()).with(TaskListener.class, log);
        restored.onResume();

        assertThat(context.awaitFailure(WAIT))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("the deploy of " + ns.name() + "/web v2 cannot be resumed: the request differs"
                        + " from the one it started with")
                .hasMessageContaining("nothing was changed");
        assertThat(requests.count("PATCH /apis/apps/v1/namespaces/" + ns.name() + "/deployments/web-v2"))
                .isEqualTo(1);
        assertThat(selected("web")).isEqualTo("v1");
        assertThat(engine().history("web", ns.name()).current().phase()).isEqualTo(ReleaseHistory.Phase.APPLIED);
    }

    @Test
    void aRestartBeforeTheHandleWasSavedChangesNothingAndSaysRunItAgain() throws Exception {
        writeManifests(Map.of());
        java.util.concurrent.CountDownLatch opening = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch die = new java.util.concurrent.CountDownLatch(1);
        FakeStepServices dying = services().clients(t -> {
            opening.countDown();
            try {
                die.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new StepLog.Crash();
        });
        FakeStepContext context = context(dying, new StepLog()).with(FilePath.class, new FilePath(ws.toFile()));
        StepExecution execution = start(withManifests(1), context);
        assertThat(opening.await(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS))
                .isTrue();
        RiverPickles.Pickled pickled = RiverPickles.pickle(execution);
        die.countDown();
        assertThat(context.awaitFailure(WAIT)).isInstanceOf(StepLog.Crash.class);

        DeployLabeledStepExecution restored = RiverPickles.unpickle(pickled, DeployLabeledStepExecution.class);
        FakeStepContext after = (FakeStepContext) restored.getContext();
        FakeStepServices services = services();
        after.with(StepServices.class, services).with(TaskListener.class, new StepLog());
        restored.onResume();
        assertThat(after.awaitFailure(WAIT))
                .isInstanceOf(AbortException.class)
                .hasMessage("The controller restarted before deployLabeled changed anything in the cluster; nothing"
                        + " was changed; run it again.");
        assertThat(services.clientsOpened()).isZero();
        assertThat(ns.client()
                        .configMaps()
                        .inNamespace(ns.name())
                        .withName("web-releases")
                        .get())
                .isNull();
        assertThat(ns.client()
                        .apps()
                        .deployments()
                        .inNamespace(ns.name())
                        .list()
                        .getItems())
                .isEmpty();
        assertThat(requests.count("PATCH /apis/apps/v1/namespaces/" + ns.name() + "/deployments/web-v1"))
                .isZero();
    }
}
