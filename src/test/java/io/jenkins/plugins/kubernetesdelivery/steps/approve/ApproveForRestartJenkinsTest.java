package io.jenkins.plugins.kubernetesdelivery.steps.approve;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.ExtensionList;
import hudson.model.Result;
import io.jenkins.plugins.kubernetesdelivery.DeliveryConfiguration;
import io.jenkins.plugins.kubernetesdelivery.Target;
import java.time.Duration;
import java.time.Instant;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.support.actions.PauseAction;
import org.jenkinsci.plugins.workflow.support.steps.input.InputAction;
import org.jenkinsci.plugins.workflow.support.steps.input.InputStepExecution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * Audit case 26: a controller restart while approveFor waits. The input is input's own execution, so after the
 * restart it is found again, answered over HTTP, and its deadline still holds (also one that passed meanwhile).
 */
class ApproveForRestartJenkinsTest {

    @RegisterExtension
    static BuildWatcherExtension builds = new BuildWatcherExtension();

    @RegisterExtension
    JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    private static final String PIPELINE = "def who = approveFor('production')\necho \"approved by ${who}\"";

    @Test
    void approvedAfterARestart() throws Throwable {
        sessions.then(r -> {
            ApprovalJenkins.users(r);
            ApprovalJenkins.environments(ApprovalJenkins.unreachableCluster(), "shop");
            ApprovalJenkins.startAndAwaitTheInput(r, ApprovalJenkins.job(r, PIPELINE), "alice");
        });
        sessions.then(r -> {
            WorkflowRun b =
                    r.jenkins.getItemByFullName("web", WorkflowJob.class).getBuildByNumber(1);
            assertThat(b.getAction(InputAction.class).getExecutions())
                    .singleElement()
                    .isInstanceOf(InputStepExecution.class);
            assertThat(PauseAction.isPaused(ApprovalJenkins.approvalNode(b))).isTrue();

            assertThat(ApprovalJenkins.answer(r, b, "carol", "proceedEmpty")).isEqualTo(200);

            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains("approved by carol", b);
            r.assertLogContains("approveFor: Approved by carol for production", b);
            DeliveryConfiguration config = DeliveryConfiguration.get();
            Target production = new Target(config.getClusters().get(0), "shop", config.getEnvironment("production"));
            assertThat(ApprovalCheck.approverFor(production, b)).isEqualTo("carol");
        });
    }

    @Test
    void aDeadlineThatPassedWhileTheControllerWasDownAbortsAfterTheStart() throws Throwable {
        sessions.then(r -> {
            ApprovalJenkins.users(r);
            ApprovalJenkins.environments(ApprovalJenkins.unreachableCluster(), "shop");
            ApprovalJenkins.startAndAwaitTheInput(r, ApprovalJenkins.job(r, PIPELINE), "alice");
        });
        sessions.then(r -> {
            WorkflowRun b =
                    r.jenkins.getItemByFullName("web", WorkflowJob.class).getBuildByNumber(1);

            // the first check after the start, as if the controller had been down for two hours
            int aborted = ExtensionList.lookupSingleton(ApprovalTimeouts.class)
                    .abortExpired(Instant.now().plus(Duration.ofHours(2)));

            assertThat(aborted).isEqualTo(1);
            r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
            r.assertLogContains("production was not approved within 60 minutes", b);
        });
    }
}
