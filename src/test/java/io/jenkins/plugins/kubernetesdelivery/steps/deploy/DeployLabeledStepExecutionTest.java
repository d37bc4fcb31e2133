package io.jenkins.plugins.kubernetesdelivery.steps.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.model.TaskListener;
import io.jenkins.plugins.kubernetesdelivery.Approval;
import io.jenkins.plugins.kubernetesdelivery.Environment;
import io.jenkins.plugins.kubernetesdelivery.KubernetesCluster;
import io.jenkins.plugins.kubernetesdelivery.Target;
import io.jenkins.plugins.kubernetesdelivery.steps.ApprovalGate;
import io.jenkins.plugins.kubernetesdelivery.steps.FakeStepContext;
import io.jenkins.plugins.kubernetesdelivery.steps.FakeStepServices;
import io.jenkins.plugins.kubernetesdelivery.steps.StepServices;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What deployLabeled refuses when it starts, on the CPS VM thread: before any client, manifest or cluster. */
class DeployLabeledStepExecutionTest {

    private final FakeStepServices services = new FakeStepServices()
            .cluster(new KubernetesCluster("prod"))
            .environment(environment("staging", null))
            .environment(environment("production", new Approval("carol")));

    private static Environment environment(String name, Approval approval) {
        Environment e = new Environment(name, "prod");
        e.setNamespace("shop");
        e.setApproval(approval);
        return e;
    }

    private FakeStepContext context(ApprovalGate gate) {
        return new FakeStepContext()
                .with(StepServices.class, services)
                .with(TaskListener.class, new StepLog())
                .with(ApprovalGate.class, gate);
    }

    private static DeployLabeledStep step(String environment) {
        DeployLabeledStep s = new DeployLabeledStep("web");
        s.setEnvironment(environment);
        s.setImage(DeployFixtures.WEB);
        return s;
    }

    private void assertRefused(DeployLabeledStep step, FakeStepContext context, String message) {
        assertThatThrownBy(() -> step.start(context).start())
                .isInstanceOf(AbortException.class)
                .hasMessage(message);
        assertThat(services.clientsOpened()).isZero();
        assertThat(context.isDone()).as("start() threw; Pipeline reports it").isFalse();
    }

    @Test
    void anEnvironmentThatRequiresAnApprovalIsRefusedUntilApproveForExists() {
        assertRefused(
                step("production"),
                context(DeployApproval.WITHOUT_A_GATE),
                Messages.DeployLabeledStep_ApprovalUnavailable("production"));
    }

    @Test
    void theGateSeesTheResolvedTarget() throws Exception {
        AtomicReference<Target> asked = new AtomicReference<>();
        ApprovalGate refusing = (target, run) -> {
            asked.set(target);
            throw new AbortException("not approved");
        };
        assertRefused(step("production"), context(refusing), "not approved");
        assertThat(asked.get().environmentName()).isEqualTo("production");
        assertThat(asked.get().namespace()).isEqualTo("shop");
    }

    @Test
    void manifestsOutsideNodeAreRefusedWithWhatToDo() {
        DeployLabeledStep s = step("staging");
        s.setManifests("k8s/");
        assertRefused(s, context(DeployApproval.WITHOUT_A_GATE), Messages.DeployLabeledStep_NoWorkspace("k8s/"));
    }

    @Test
    void theStepsOwnProblemsAreReportedAtOnceBeforeAnythingElse() {
        DeployLabeledStep s = step("staging");
        s.setImages(List.of(DeployFixtures.WEB));
        s.setTimeout(0);
        assertRefused(
                s,
                context(DeployApproval.WITHOUT_A_GATE),
                "the deploy request for web to staging"
                        + " (prod/shop) is invalid; nothing in the cluster changed:\n"
                        + "  - image and images: give one of them, not both\n"
                        + "  - timeout 0 must be between 1 and 1440 minutes");
    }

    @Test
    void anUnknownEnvironmentIsRefusedByTheConfiguration() {
        assertThatThrownBy(() ->
                        step("qa").start(context(DeployApproval.WITHOUT_A_GATE)).start())
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("'qa'");
        assertThat(services.clientsOpened()).isZero();
    }
}
