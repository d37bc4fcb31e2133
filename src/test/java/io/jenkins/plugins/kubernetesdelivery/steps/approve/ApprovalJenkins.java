package io.jenkins.plugins.kubernetesdelivery.steps.approve;

import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.Item;
import io.jenkins.plugins.kubernetesdelivery.Approval;
import io.jenkins.plugins.kubernetesdelivery.DeliveryConfiguration;
import io.jenkins.plugins.kubernetesdelivery.Environment;
import io.jenkins.plugins.kubernetesdelivery.KubernetesCluster;
import java.net.URL;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

/**
 * What the approveFor {@code *JenkinsTest}s share: users (alice starts builds and is a release manager, carol is named,
 * dave is a release manager, erin may only read and build, root administers), environments staging (policy none)
 * and production (approvers {@code release-managers, carol}, 60 minutes), and answering the input over HTTP as a user.
 */
final class ApprovalJenkins {

    static final String INPUT = "input/ApproveFor-production/";

    private ApprovalJenkins() {}

    static void users(JenkinsRule r) {
        JenkinsRule.DummySecurityRealm realm = r.createDummySecurityRealm();
        realm.addGroups("alice", "developers", "release-managers");
        realm.addGroups("dave", "release-managers");
        realm.addGroups("erin", "developers");
        r.jenkins.setSecurityRealm(realm);
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("root")
                .grant(Jenkins.READ, Item.READ, Item.BUILD)
                .everywhere()
                .to("alice", "carol", "dave", "erin"));
    }

    /** staging and production on a cluster nobody connects to (the Pipelines name no app, so nothing is read). */
    static void environments(KubernetesCluster cluster, String productionNamespace) {
        Environment staging = new Environment("staging", cluster.getName());
        staging.setNamespace("shop-staging");
        Environment production = new Environment("production", cluster.getName());
        production.setNamespace(productionNamespace);
        Approval approval = new Approval("release-managers, carol");
        approval.setTimeoutMinutes(60);
        production.setApproval(approval);
        DeliveryConfiguration.get().setClusters(List.of(cluster));
        DeliveryConfiguration.get().setEnvironments(List.of(staging, production));
    }

    static KubernetesCluster unreachableCluster() {
        KubernetesCluster c = new KubernetesCluster("prod");
        c.setServerUrl("https://127.0.0.1:9");
        return c;
    }

    static WorkflowJob job(JenkinsRule r, String script) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "web");
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    /** Starts a build of {@code p} as {@code user} and waits until it waits for the approval of production. */
    static WorkflowRun startAndAwaitTheInput(JenkinsRule r, WorkflowJob p, String user) throws Exception {
        WorkflowRun b = p.scheduleBuild2(0, new CauseAction(new Cause.UserIdCause(user)))
                .waitForStart();
        r.waitForMessage("Approve or Reject", b);
        return b;
    }

    /** POSTs (with a crumb) to the input's {@code action} as {@code user}; returns the HTTP status. */
    static int answer(JenkinsRule r, WorkflowRun b, String user, String action) throws Exception {
        return request(r, b, user, action, HttpMethod.POST);
    }

    static int request(JenkinsRule r, WorkflowRun b, String user, String action, HttpMethod method) throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        wc.login(user);
        WebRequest req = new WebRequest(new URL(r.getURL(), b.getUrl() + INPUT + action), method);
        if (method == HttpMethod.POST) {
            wc.addCrumb(req);
        }
        Page page = wc.getPage(req);
        return page.getWebResponse().getStatusCode();
    }

    /** The flow node of the build's (first) approveFor('production'). */
    static FlowNode approvalNode(WorkflowRun b) throws Exception {
        String id = b.getAction(RunApprovals.class).nodeIds("production").get(0);
        return b.getExecution().getNode(id);
    }
}
