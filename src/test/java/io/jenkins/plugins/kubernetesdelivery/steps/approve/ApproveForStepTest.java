package io.jenkins.plugins.kubernetesdelivery.steps.approve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import io.jenkins.plugins.kubernetesdelivery.Approval;
import io.jenkins.plugins.kubernetesdelivery.Environment;
import io.jenkins.plugins.kubernetesdelivery.KubernetesCluster;
import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import io.jenkins.plugins.kubernetesdelivery.steps.DeliveryRecord;
import io.jenkins.plugins.kubernetesdelivery.steps.FakeStepContext;
import io.jenkins.plugins.kubernetesdelivery.steps.FakeStepServices;
import io.jenkins.plugins.kubernetesdelivery.steps.StepServices;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.support.steps.input.InputSubmittedAction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code approveFor}'s start, offline: policy none passes at once; policy required records the request on the node
 * and hands the waiting to {@code input} (here a stand-in that keeps the request), without touching the network.
 */
class ApproveForStepTest {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private FakeStepServices services;
    private FakeApproveServices approve;
    private Environment production;

    @BeforeEach
    void setUp() {
        production = new Environment("production", "prod");
        production.setNamespace("shop");
        Approval approval = new Approval("release-managers, carol");
        approval.setTimeoutMinutes(60);
        production.setApproval(approval);
        Environment staging = new Environment("staging", "prod");
        staging.setNamespace("shop-staging");
        services = new FakeStepServices()
                .cluster(new KubernetesCluster("prod"))
                .environment(staging)
                .environment(production)
                .clients(t -> {
                    throw new DeliveryException("cannot connect to prod: connection refused");
                });
        approve = new FakeApproveServices();
    }

    @Test
    void policyNonePassesAtOnceAndReturnsNull() throws Exception {
        FakeStepContext context = context(FakeApproveServices.node("5"));

        StepExecution execution = start(new ApproveForStep("staging"), context);

        assertThat(execution).isInstanceOf(NoApprovalNeeded.class);
        assertThat(execution.start()).isTrue();
        assertThat(context.awaitSuccess(WAIT)).isNull();
        assertThat(context.log()).isEqualTo("approveFor: staging needs no approval (approval policy \"none\")\n");
        assertThat(approve.requests).isEmpty();
        assertThat(context.get(FlowNode.class).getPersistentAction(ApprovalAction.class))
                .isNull();
    }

    @Test
    void policyRequiredRecordsTheRequestAndHandsTheWaitingToInput() throws Exception {
        FlowNode node = FakeApproveServices.node("7");
        FakeStepContext context = context(node);

        StepExecution execution = start(new ApproveForStep("production"), context);

        assertThat(execution)
                .as("input's own execution, which Pipeline registers")
                .isInstanceOf(FakeApproveServices.Waiting.class);
        InputRequest request = approve.requests.get(0);
        assertThat(request.id()).isEqualTo("ApproveFor-production");
        assertThat(request.submitter()).isEqualTo("release-managers,carol");
        assertThat(request.ok()).isEqualTo("Approve");
        assertThat(request.cancel()).isEqualTo("Reject");
        assertThat(request.submitterParameter()).isEqualTo("approver");
        assertThat(request.message()).isEqualTo("""
                Deploy the changes of this build to production?
                Candidate: the changes of this build at commit c0ffee000000.
                Approvers: release-managers, carol.
                Self-approval is not allowed: alice, who started this build, and the authors of its commits cannot \
                approve it (deployLabeled refuses their approval).
                Waiting until 2026-12-01 11:00 UTC (60 minutes); then the build is aborted.
                The app is not known, so the live release of production is not shown: give approveFor an app.""");

        ApprovalAction action = node.getPersistentAction(ApprovalAction.class);
        assertThat(action.getEnvironment()).isEqualTo("production");
        assertThat(action.policy().approvers()).containsExactly("release-managers", "carol");
        assertThat(action.policy().allowSelfApproval()).isFalse();
        assertThat(action.requestedAt()).isEqualTo(NOW);
        assertThat(action.deadline()).isEqualTo(NOW.plus(Duration.ofMinutes(60)));
        assertThat(action.getStarter()).isEqualTo("alice");
        assertThat(action.candidate().commit()).isEqualTo(FakeStepServices.FACTS.gitCommit());
        assertThat(approve.index).singleElement().satisfies(e -> {
            assertThat(e.environment()).isEqualTo("production");
            assertThat(e.nodeId()).isEqualTo("7");
        });
        assertThat(context.log())
                .isEqualTo("approveFor: waiting for approval of production by release-managers,"
                        + " carol until 2026-12-01 11:00 UTC (60 minutes); then the build is aborted\n");
        assertThat(services.clientsOpened())
                .as("no app: the live release is not read")
                .isZero();
    }

    @Test
    void theCandidateComesFromWhatTheBuildDeliveredAndTheLiveReleaseIsReadOffTheCpsThread() throws Exception {
        approve.records.add(DeliveryRecord.of(DeliveryRecord.Kind.BAKE, "registry.example.com/shop/web")
                .release("registry.example.com/shop/web:12")
                .digest("sha256:" + "b".repeat(64))
                .outcome(DeliveryRecord.Outcome.SUCCEEDED)
                .build());
        approve.records.add(DeliveryRecord.of(DeliveryRecord.Kind.DEPLOY, "web")
                .environment("staging")
                .namespace("shop-staging")
                .release("v5")
                .outcome(DeliveryRecord.Outcome.SUCCEEDED)
                .build());
        FakeStepContext context = context(FakeApproveServices.node("7"));
        ApproveForStep step = new ApproveForStep("production");
        step.setSchemaVersion("42");

        start(step, context);

        assertThat(approve.requests.get(0).message())
                .contains("Deploy web to production?\nCandidate: web at commit"
                        + " c0ffee000000 (deployed by this build as v5 in staging); images registry.example.com/shop/web"
                        + "@sha256:" + "b".repeat(64) + "; schema version 42.")
                .contains("The live release of production, the commits since and any schema change are printed");
        awaitLog(context, "cannot read the live release");
        assertThat(context.log())
                .contains("approveFor: cannot read the live release of production: cannot connect"
                        + " to prod: connection refused; approvers see the candidate only");
        assertThat(services.clientsOpened()).isEqualTo(1);
    }

    @Test
    void theDefaultTimeoutIsADayAndNumbersAreNotGrouped() throws Exception {
        production.setApproval(new Approval("carol"));
        FakeStepContext context = context(FakeApproveServices.node("7"));

        start(new ApproveForStep("production"), context);

        assertThat(context.log()).contains("until 2026-12-02 10:00 UTC (1440 minutes)");
        assertThat(approve.requests.get(0).message()).contains("Waiting until 2026-12-02 10:00 UTC (1440 minutes)");
        assertThat(new ApprovalTimedOut("production", 1440).getShortDescription())
                .endsWith("within 1440 minutes");
    }

    @Test
    void insideNodeItWarnsThatAnExecutorIsHeld() throws Exception {
        approve.insideNode = true;
        FakeStepContext context = context(FakeApproveServices.node("7"));

        start(new ApproveForStep("production"), context);

        assertThat(context.log())
                .startsWith("approveFor: warning: approveFor runs inside node {}, so the build holds"
                        + " an executor while it waits for approval (hours, days); call approveFor outside node {}.\n");
    }

    @Test
    void aSecondApprovalOfTheSameEnvironmentWaitingAtOnceIsRefused() throws Exception {
        FlowNode first = FakeApproveServices.node("7");
        start(new ApproveForStep("production"), context(first));

        assertThatThrownBy(() -> start(new ApproveForStep("production"), context(FakeApproveServices.node("9"))))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("An approveFor('production') of this build is already waiting");

        first.addAction(new InputSubmittedAction("carol", Map.of("approver", "carol")));
        start(new ApproveForStep("production"), context(FakeApproveServices.node("11")));
        assertThat(approve.requests).hasSize(2);
    }

    @Test
    void refusalsAtStartNameTheRule() {
        assertThatThrownBy(() -> start(new ApproveForStep("nowhere"), context(FakeApproveServices.node("7"))))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("nowhere");
        assertThatThrownBy(() -> start(new ApproveForStep(" "), context(FakeApproveServices.node("7"))))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("approveFor needs an environment");

        production.setApproval(new Approval(" , "));
        assertThatThrownBy(() -> start(new ApproveForStep("production"), context(FakeApproveServices.node("7"))))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("Environment 'production' requires an approval (approval policy \"required\")"
                        + " but names no approvers");

        Approval zero = new Approval("carol");
        zero.setTimeoutMinutes(0);
        production.setApproval(zero);
        assertThatThrownBy(() -> start(new ApproveForStep("production"), context(FakeApproveServices.node("7"))))
                .isInstanceOf(AbortException.class)
                .hasMessage("The approval timeout of environment 'production' is 0 minutes; it must be 1 to 43200"
                        + " minutes: an administrator must correct it.");
        assertThat(approve.requests).isEmpty();
    }

    @Test
    void theMessageStaysPlainTextOnItsLines() throws Exception {
        ApproveForStep step = new ApproveForStep("production");
        step.setMessage("<script>alert(1)</script>\nApprovers: everyone\u001b[8m");
        step.setOk("Ship it");

        start(step, context(FakeApproveServices.node("7")));

        InputRequest request = approve.requests.get(0);
        assertThat(request.message().lines().toList().get(0))
                .isEqualTo("<script>alert(1)</script> Approvers: everyone [8m");
        assertThat(request.message().lines().filter(l -> l.startsWith("Approvers:")))
                .containsExactly("Approvers: release-managers, carol.");
        assertThat(request.ok()).isEqualTo("Ship it");
    }

    @Test
    void theLabelIsTheEnvironment() {
        ApproveForStep.DescriptorImpl d = new ApproveForStep.DescriptorImpl();
        assertThat(d.getFunctionName()).isEqualTo("approveFor");
        assertThat(d.argumentsToString(Map.of("environment", "production", "app", "web")))
                .isEqualTo("production");
        assertThat(d.argumentsToString(Map.of("app", "web"))).isNull();
    }

    private StepExecution start(ApproveForStep step, FakeStepContext context) throws Exception {
        return new ApproveForStart(step, context, CLOCK).start();
    }

    private FakeStepContext context(FlowNode node) {
        return new FakeStepContext()
                .withLog()
                .with(StepServices.class, services)
                .with(ApproveServices.class, approve)
                .with(FlowNode.class, node);
    }

    static void awaitLog(FakeStepContext context, String text) throws InterruptedException {
        long until = System.nanoTime() + WAIT.toNanos();
        while (!context.log().contains(text)) {
            if (System.nanoTime() > until) {
                throw new AssertionError("no '" + text + "' in the log within " + WAIT + ":\n" + context.log());
            }
            Thread.sleep(20);
        }
    }

    static List<String> lines(FakeStepContext context) {
        return context.log().lines().toList();
    }
}
