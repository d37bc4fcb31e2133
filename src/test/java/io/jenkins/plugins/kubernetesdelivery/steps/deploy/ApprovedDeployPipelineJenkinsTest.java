package io.jenkins.plugins.kubernetesdelivery.steps.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.Item;
import io.jenkins.plugins.kubernetesdelivery.Approval;
import io.jenkins.plugins.kubernetesdelivery.DeliveryConfiguration;
import io.jenkins.plugins.kubernetesdelivery.Environment;
import io.jenkins.plugins.kubernetesdelivery.KubernetesCluster;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseEngine;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseHistory;
import io.jenkins.plugins.kubernetesdelivery.testenv.TestNamespace;
import java.net.URL;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The README's Jenkinsfile in a real Pipeline against testenv: deploy to staging (no approval), approveFor('production')
 * answered by a release manager, deploy to production; the release records who approved it. Root build with
 * {@code -Pcluster} only.
 */
@Tag("cluster")
@WithJenkins
class ApprovedDeployPipelineJenkinsTest {

    @RegisterExtension
    static BuildWatcherExtension buildWatcher = new BuildWatcherExtension();

    @RegisterExtension
    TestNamespace ns = new TestNamespace();

    @Test
    void stagingThenAnApprovalThenProductionRecordsTheApprover(JenkinsRule r) throws Exception {
        JenkinsRule.DummySecurityRealm realm = r.createDummySecurityRealm();
        realm.addGroups("dave", "release-managers");
        r.jenkins.setSecurityRealm(realm);
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.BUILD)
                .everywhere()
                .to("alice", "dave"));
        KubernetesCluster testenv = DeployLabeledPipelineJenkinsTest.testenvCluster();
        Environment staging = new Environment("staging", "testenv");
        staging.setNamespace(ns.name());
        Environment production = new Environment("production", "testenv");
        production.setNamespace(ns.name());
        production.setApproval(new Approval("release-managers"));
        DeliveryConfiguration.get().setClusters(List.of(testenv));
        DeliveryConfiguration.get().setEnvironments(List.of(staging, production));
        WorkflowJob p = DeployLabeledPipelineJenkinsTest.job(
                r,
                "node {\n"
                        + "  deployLabeled(environment: 'staging', app: 'web', image: '" + DeployTestenv.image(1)
                        + "', manifests: 'k8s/')\n"
                        + "}\n"
                        + "def who = approveFor('production')\n"
                        + "echo \"approved by ${who}\"\n"
                        + "node {\n"
                        + "  def live = deployLabeled(environment: 'production', app: 'web', image: '"
                        + DeployTestenv.image(2)
                        + "', manifests: 'k8s/')\n"
                        + "  echo \"production: ${live.release} after ${live.previous}\"\n"
                        + "}\n",
                Map.of());

        WorkflowRun b = p.scheduleBuild2(0, new CauseAction(new Cause.UserIdCause("alice")))
                .waitForStart();
        r.waitForMessage("Approve or Reject", b);
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        wc.login("dave");
        WebRequest proceed = new WebRequest(
                new URL(r.getURL(), b.getUrl() + "input/ApproveFor-production/proceedEmpty"), HttpMethod.POST);
        wc.addCrumb(proceed);
        assertThat(wc.getPage(proceed).getWebResponse().getStatusCode()).isEqualTo(200);

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        r.assertLogContains("approved by dave", b);
        r.assertLogContains("production: v2 after v1", b);
        ReleaseHistory history =
                new ReleaseEngine(ns.client(), line -> {}, Clock.systemUTC()).history("web", ns.name());
        assertThat(history.entries()).extracting(ReleaseHistory.Entry::approver).containsExactly("dave", null);
    }
}
