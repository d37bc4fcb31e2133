package io.jenkins.plugins.kubernetesdelivery.steps.approve;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.jenkins.plugins.kubernetesdelivery.Approval;
import io.jenkins.plugins.kubernetesdelivery.Environment;
import io.jenkins.plugins.kubernetesdelivery.KubernetesCluster;
import io.jenkins.plugins.kubernetesdelivery.engine.ProgressListener;
import io.jenkins.plugins.kubernetesdelivery.engine.approval.Commit;
import io.jenkins.plugins.kubernetesdelivery.engine.approval.Commits;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseEngine;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseRequest;
import io.jenkins.plugins.kubernetesdelivery.steps.FakeStepContext;
import io.jenkins.plugins.kubernetesdelivery.steps.FakeStepServices;
import io.jenkins.plugins.kubernetesdelivery.steps.StepServices;
import io.jenkins.plugins.kubernetesdelivery.testenv.TestNamespace;
import io.jenkins.plugins.kubernetesdelivery.testenv.Testenv;
import java.time.Clock;
import java.util.List;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * approveFor's preview against testenv: after its start returned (no network on the CPS VM thread), a worker reads
 * the live release of the environment and prints candidate against live, the commits since, the schema warning.
 */
@Tag("cluster")
class ApproveForPreviewClusterTest {

    @RegisterExtension
    TestNamespace ns = new TestNamespace();

    @Test
    void theLiveReleaseTheCommitsSinceAndASchemaChangeFollowThePrompt() throws Exception {
        String liveBuild = "https://ci.example.com/job/shop/job/web/job/main/10/";
        new ReleaseEngine(ns.client(), ProgressListener.NONE, Clock.systemUTC())
                .deploy(ReleaseRequest.builder("web", ns.name())
                        .simple(8080, 1)
                        .image("registry.example.com/shop/web@sha256:" + "a".repeat(64))
                        .gitCommit("10c0ffee" + "0".repeat(32))
                        .schemaVersion("1")
                        .buildUrl(liveBuild)
                        .actor("bob")
                        .build());

        Environment production = new Environment("production", "testenv");
        production.setNamespace(ns.name());
        production.setApproval(new Approval("release-managers"));
        FakeStepServices services = new FakeStepServices()
                .cluster(new KubernetesCluster("testenv"))
                .environment(production)
                .clients(t -> newClient());
        FakeApproveServices approve = new FakeApproveServices();
        approve.commits = Commits.of(List.of(
                new Commit("12c0ffee" + "0".repeat(32), "erin", "Add the orders table"),
                new Commit("11c0ffee" + "0".repeat(32), "alice", "Fix the cart")));
        FlowNode node = FakeApproveServices.node("7");
        FakeStepContext context = new FakeStepContext()
                .withLog()
                .with(StepServices.class, services)
                .with(ApproveServices.class, approve)
                .with(FlowNode.class, node);
        ApproveForStep step = new ApproveForStep("production");
        step.setApp("web");
        step.setSchemaVersion("2");

        new ApproveForStart(step, context, Clock.systemUTC()).start();
        ApproveForStepTest.awaitLog(context, "WARNING");

        List<String> lines = ApproveForStepTest.lines(context);
        assertThat(lines)
                .contains(
                        "approveFor: candidate for production: web at commit c0ffee000000, schema 2; it becomes release v2",
                        "approveFor: commits since v1 (2):",
                        "approveFor:   12c0ffee0000 erin: Add the orders table",
                        "approveFor:   11c0ffee0000 alice: Fix the cart",
                        "approveFor: WARNING: the schema version changes from 1 to 2: check the migration, and that a"
                                + " rollback to v1 still works, before approving");
        assertThat(lines)
                .anySatisfy(l -> assertThat(l)
                        .startsWith("approveFor: live in production (" + ns.name()
                                + "): web v1, commit 10c0ffee0000, images registry.example.com/shop/web@sha256:"
                                + "a".repeat(64)
                                + ", schema 1, deployed by bob at "));
        assertThat(approve.commitsAskedFor).containsExactly(liveBuild);

        ApprovalAction action = node.getPersistentAction(ApprovalAction.class);
        awaitSaved(approve);
        assertThat(action.getLiveRelease()).isEqualTo("v1");
        assertThat(action.getNextRelease()).isEqualTo("v2");
        assertThat(action.getCommitAuthors()).containsExactly("erin", "alice");
        assertThat(action.candidateLabel()).isEqualTo("web v2");
        assertThat(services.clientsOpened()).isEqualTo(1);
    }

    private static void awaitSaved(FakeApproveServices approve) throws InterruptedException {
        for (int i = 0; i < 1500 && approve.nodeSaves.get() == 0; i++) {
            Thread.sleep(20);
        }
        assertThat(approve.nodeSaves.get())
                .as("the node is saved with what the preview found")
                .isEqualTo(1);
    }

    private static KubernetesClient newClient() {
        return new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(
                        null, Testenv.kubeconfigText(), Testenv.kubeconfig().toString()))
                .build();
    }
}
