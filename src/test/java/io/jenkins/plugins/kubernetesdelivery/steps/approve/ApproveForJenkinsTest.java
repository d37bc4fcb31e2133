package io.jenkins.plugins.kubernetesdelivery.steps.approve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.ExtensionList;
import hudson.model.Result;
import io.jenkins.plugins.kubernetesdelivery.DeliveryConfiguration;
import io.jenkins.plugins.kubernetesdelivery.Target;
import io.jenkins.plugins.kubernetesdelivery.steps.ApprovalGate;
import io.jenkins.plugins.kubernetesdelivery.steps.DeliveryRecord;
import io.jenkins.plugins.kubernetesdelivery.steps.DeliveryRunAction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.htmlunit.HttpMethod;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.jenkinsci.plugins.workflow.support.actions.PauseAction;
import org.jenkinsci.plugins.workflow.support.steps.input.InputAction;
import org.jenkinsci.plugins.workflow.support.steps.input.InputStepExecution;
import org.jenkinsci.plugins.workflow.support.steps.input.InputSubmittedAction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * approveFor in a real Jenkins (root build only): the genuine input execution, who may answer it over HTTP, the
 * outcomes (approved, rejected, timed out), the audit, and the check deployLabeled makes with the approval.
 */
@WithJenkins
class ApproveForJenkinsTest {

    @RegisterExtension
    static BuildWatcherExtension builds = new BuildWatcherExtension();

    private static final String PIPELINE = """
            approveFor('staging')
            def who = approveFor('production')
            echo "approved by ${who}"
            """;

    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule r) {
        this.r = r;
        ApprovalJenkins.users(r);
        ApprovalJenkins.environments(ApprovalJenkins.unreachableCluster(), "shop");
    }

    @Test
    void theGateIsInputItselfAndAnApproverProceeds() throws Exception {
        WorkflowJob p = ApprovalJenkins.job(r, PIPELINE);
        WorkflowRun b = ApprovalJenkins.startAndAwaitTheInput(r, p, "alice");

        r.assertLogContains("approveFor: staging needs no approval (approval policy \"none\")", b);
        List<InputStepExecution> inputs = b.getAction(InputAction.class).getExecutions();
        assertThat(inputs).singleElement().satisfies(e -> {
            assertThat(e.getClass()).as("the genuine execution, as for input").isEqualTo(InputStepExecution.class);
            assertThat(e.getId()).isEqualTo("ApproveFor-production");
            assertThat(e.getInput().getSubmitter()).isEqualTo("release-managers,carol");
            assertThat(e.getInput().getSubmitterParameter()).isEqualTo("approver");
        });
        FlowNode node = ApprovalJenkins.approvalNode(b);
        assertThat(PauseAction.getCurrentPause(node).getCause())
                .as("what Pipeline Graph View keys on")
                .isEqualTo("Input");
        assertThat(node.getPersistentAction(ApprovalAction.class).getStarter()).isEqualTo("alice");

        assertThat(ApprovalJenkins.answer(r, b, "carol", "proceedEmpty")).isEqualTo(200);

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        r.assertLogContains("approved by carol", b);
        r.assertLogContains("approveFor: Approved by carol for production (candidate the build's changes)", b);
        assertThat(node.getPersistentAction(InputSubmittedAction.class).getApprover())
                .isEqualTo("carol");
        DeliveryRecord record =
                b.getAction(DeliveryRunAction.class).getRecords().get(0);
        assertThat(record.getWho()).isEqualTo("carol");
        assertThat(record.getOutcome()).isEqualTo(DeliveryRecord.Outcome.SUCCEEDED);
        assertThat(ApprovalCheck.approverFor(production(), b))
                .as("deployLabeled's check")
                .isEqualTo("carol");
    }

    @Test
    void onlyApproversMayAnswerAndOnlyByPost() throws Exception {
        WorkflowRun b = ApprovalJenkins.startAndAwaitTheInput(r, ApprovalJenkins.job(r, PIPELINE), "alice");

        assertThat(ApprovalJenkins.answer(r, b, "erin", "proceedEmpty"))
                .as("not an approver")
                .isNotEqualTo(200);
        assertThat(ApprovalJenkins.request(r, b, "carol", "proceedEmpty", HttpMethod.GET))
                .as("GET")
                .isEqualTo(405);
        assertThat(b.isBuilding()).isTrue();
        assertThat(b.getAction(InputAction.class).getExecutions()).hasSize(1);

        assertThat(ApprovalJenkins.answer(r, b, "dave", "proceedEmpty"))
                .as("a release manager")
                .isEqualTo(200);
        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        r.assertLogContains("approved by dave", b);
    }

    @Test
    void theStarterMayAnswerTheInputButTheApprovalDoesNotCount() throws Exception {
        WorkflowRun b = ApprovalJenkins.startAndAwaitTheInput(r, ApprovalJenkins.job(r, PIPELINE), "alice");

        assertThat(ApprovalJenkins.answer(r, b, "alice", "proceedEmpty"))
                .as("input admits a release manager")
                .isEqualTo(200);

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        r.assertLogContains(
                "warning: deployLabeled will refuse this approval: alice approved production but"
                        + " started this build",
                b);
        assertThatThrownBy(() -> ApprovalCheck.approverFor(production(), b))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("rule SELF_APPROVAL_BY_STARTER");
    }

    @Test
    void anAdministratorMayAnswerButNotApproveTheirOwnBuild() throws Exception {
        WorkflowRun b = ApprovalJenkins.startAndAwaitTheInput(r, ApprovalJenkins.job(r, PIPELINE), "root");

        assertThat(ApprovalJenkins.answer(r, b, "root", "proceedEmpty")).isEqualTo(200);

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        assertThatThrownBy(() -> ApprovalCheck.approverFor(production(), b))
                .hasMessageContaining("rule SELF_APPROVAL_BY_STARTER");
    }

    @Test
    void aRejectionAbortsTheBuildNamingWhoRejected() throws Exception {
        WorkflowRun b = ApprovalJenkins.startAndAwaitTheInput(r, ApprovalJenkins.job(r, PIPELINE), "alice");

        assertThat(ApprovalJenkins.answer(r, b, "dave", "abort")).isEqualTo(200);

        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
        r.assertLogContains("approveFor: Rejected by dave: production is not approved", b);
        r.assertLogNotContains("approved by", b);
        DeliveryRecord record =
                b.getAction(DeliveryRunAction.class).getRecords().get(0);
        assertThat(record.getOutcome()).isEqualTo(DeliveryRecord.Outcome.FAILED);
        assertThat(record.getWho()).isEqualTo("dave");
        assertThatThrownBy(() -> ApprovalCheck.approverFor(production(), b)).hasMessageContaining("ended without one");
    }

    @Test
    void theTimeoutAbortsTheBuild() throws Exception {
        WorkflowRun b = ApprovalJenkins.startAndAwaitTheInput(r, ApprovalJenkins.job(r, PIPELINE), "alice");
        ApprovalTimeouts timeouts = ExtensionList.lookupSingleton(ApprovalTimeouts.class);

        assertThat(timeouts.abortExpired(Instant.now().plus(Duration.ofMinutes(59))))
                .isZero();
        assertThat(timeouts.abortExpired(Instant.now().plus(Duration.ofMinutes(61))))
                .isEqualTo(1);

        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
        r.assertLogContains("production was not approved within 60 minutes", b);
        assertThat(b.getAction(InputAction.class).getExecutions()).isEmpty();
    }

    @Test
    void withoutApproveForNoApprovalIsFound() throws Exception {
        WorkflowRun b = r.buildAndAssertSuccess(ApprovalJenkins.job(r, "approveFor('staging')"));

        assertThatThrownBy(() -> ApprovalCheck.approverFor(production(), b))
                .hasMessageContaining("this build has none: call approveFor('production')");
    }

    @Test
    void deployLabeledAsksTheRegisteredGateAndIsRefusedWithoutApproveFor() throws Exception {
        assertThat(ExtensionList.lookup(ApprovalGate.class)).first().isInstanceOf(ApprovalCheck.Gate.class);
        WorkflowRun b = r.buildAndAssertStatus(
                Result.FAILURE,
                ApprovalJenkins.job(
                        r,
                        "deployLabeled(environment: 'production', app: 'web', image: 'registry.example.com/shop/web@sha256:"
                                + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef')"));

        r.assertLogContains("call approveFor('production')", b);
        r.assertLogNotContains("no approval check is registered", b);
    }

    @Test
    void theSnippetGeneratorRoundTripsEveryField() throws Exception {
        ApproveForStep step = new ApproveForStep("production");
        step.setApp("web");
        step.setSchemaVersion("42");
        step.setMessage("Ship web?");
        step.setOk("Ship it");

        r.assertEqualDataBoundBeans(step, new StepConfigTester(r).configRoundTrip(step));
    }

    private static Target production() {
        return new Target(
                DeliveryConfiguration.get().getClusters().get(0),
                "shop",
                DeliveryConfiguration.get().getEnvironment("production"));
    }
}
