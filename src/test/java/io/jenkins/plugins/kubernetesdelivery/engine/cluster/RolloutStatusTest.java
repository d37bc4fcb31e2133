package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rollout predicate (kubectl rollout status rules) and the pod diagnosis, on hand-built objects. */
class RolloutStatusTest {

    private static DeploymentBuilder deployment(
            long generation, Long observed, int updated, int replicas, int available) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName("web-v2")
                .withGeneration(generation)
                .endMetadata()
                .withNewSpec()
                .withReplicas(3)
                .endSpec()
                .withNewStatus()
                .withObservedGeneration(observed)
                .withUpdatedReplicas(updated)
                .withReplicas(replicas)
                .withAvailableReplicas(available)
                .withReadyReplicas(available)
                .endStatus();
    }

    @Test
    void aStatusNotYetObservedIsNeverDone() {
        RolloutStatus s = RolloutStatus.of(deployment(2, 1L, 3, 3, 3).build());
        assertThat(s.done()).isFalse();
        assertThat(s.waitingFor()).contains("observe generation 2");
        assertThat(RolloutStatus.of(deployment(1, null, 3, 3, 3).build()).done())
                .isFalse();
        assertThat(RolloutStatus.of(new DeploymentBuilder()
                                .withNewMetadata()
                                .endMetadata()
                                .build())
                        .done())
                .isFalse();
    }

    @Test
    void doneOnlyWhenUpdatedAvailableAndNoOldReplicas() {
        assertThat(RolloutStatus.of(deployment(1, 1L, 2, 3, 2).build()).waitingFor())
                .isEqualTo("2 of 3 updated replicas");
        assertThat(RolloutStatus.of(deployment(1, 1L, 3, 4, 3).build()).waitingFor())
                .isEqualTo("1 old replicas to terminate");
        assertThat(RolloutStatus.of(deployment(1, 1L, 3, 3, 2).build()).waitingFor())
                .isEqualTo("2 of 3 available");
        RolloutStatus done = RolloutStatus.of(deployment(1, 1L, 3, 3, 3).build());
        assertThat(done.done()).isTrue();
        assertThat(done.ready()).isEqualTo(3);
        assertThat(done.desired()).isEqualTo(3);
    }

    @Test
    void progressDeadlineExceededFails() {
        Deployment d = deployment(1, 1L, 1, 3, 0)
                .editStatus()
                .addNewCondition()
                .withType("Progressing")
                .withStatus("False")
                .withReason("ProgressDeadlineExceeded")
                .withMessage("ReplicaSet \"web-v2-abc\" has timed out progressing.")
                .endCondition()
                .endStatus()
                .build();
        assertThat(RolloutStatus.of(d).failure())
                .isEqualTo("ProgressDeadlineExceeded: ReplicaSet \"web-v2-abc\" has timed out progressing.");
        assertThat(RolloutStatus.of(null).failure()).contains("deleted");
    }

    private static PodBuilder pod() {
        return new PodBuilder()
                .withNewMetadata()
                .withName("web-v2-x")
                .withNamespace("shop")
                .endMetadata();
    }

    @Test
    void podDiagnosisNamesThePodContainerAndReason() {
        var crash = pod().withNewStatus()
                .addNewContainerStatus()
                .withName("web")
                .withRestartCount(4)
                .withNewState()
                .withNewWaiting()
                .withReason("CrashLoopBackOff")
                .withMessage("back-off 40s")
                .endWaiting()
                .endState()
                .withNewLastState()
                .withNewTerminated()
                .withReason("OOMKilled")
                .withExitCode(137)
                .endTerminated()
                .endLastState()
                .endContainerStatus()
                .endStatus()
                .build();
        assertThat(PodDiagnosis.fatal(crash))
                .contains("pod shop/web-v2-x container web: CrashLoopBackOff (back-off 40s);"
                        + " last terminated: OOMKilled, exit code 137");
        var oom = pod().withNewStatus()
                .addNewContainerStatus()
                .withName("web")
                .withRestartCount(1)
                .withNewState()
                .withNewRunning()
                .endRunning()
                .endState()
                .withNewLastState()
                .withNewTerminated()
                .withReason("OOMKilled")
                .withExitCode(137)
                .endTerminated()
                .endLastState()
                .endContainerStatus()
                .endStatus()
                .build();
        assertThat(PodDiagnosis.fatal(oom)).contains("pod shop/web-v2-x container web: OOMKilled (restarted 1 times)");
        var unschedulable = pod().withNewStatus()
                .withPhase("Pending")
                .addNewCondition()
                .withType("PodScheduled")
                .withStatus("False")
                .withReason("Unschedulable")
                .withMessage("0/2 nodes are available: 2 node(s)" + " didn't match Pod's node affinity/selector.")
                .endCondition()
                .endStatus()
                .build();
        assertThat(PodDiagnosis.fatal(unschedulable)).isEmpty();
        assertThat(PodDiagnosis.summary(List.of(unschedulable, unschedulable)))
                .contains("pod shop/web-v2-x:"
                        + " Unschedulable (0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector.)"
                        + " (and 1 more pods not ready)");
        var pull = pod().withNewStatus()
                .addNewContainerStatus()
                .withName("web")
                .withNewState()
                .withNewWaiting()
                .withReason("ErrImagePull")
                .endWaiting()
                .endState()
                .endContainerStatus()
                .endStatus()
                .build();
        assertThat(PodDiagnosis.fatal(pull)).as("may still succeed").isEmpty();
        assertThat(PodDiagnosis.notReady(pull)).contains("pod shop/web-v2-x container web: ErrImagePull");
    }

    /** A succeeded init container is no reason: the app container that is not ready is. */
    @Test
    void aCompletedInitContainerIsNeverTheReason() {
        var initDone = pod().withNewStatus()
                .withPhase("Running")
                .addNewInitContainerStatus()
                .withName("migrate-check")
                .withReady(true)
                .withNewState()
                .withNewTerminated()
                .withReason("Completed")
                .withExitCode(0)
                .endTerminated()
                .endState()
                .endInitContainerStatus()
                .addNewContainerStatus()
                .withName("web")
                .withReady(false)
                .withNewState()
                .withNewRunning()
                .endRunning()
                .endState()
                .endContainerStatus()
                .addNewContainerStatus()
                .withName("proxy")
                .withReady(true)
                .withNewState()
                .withNewRunning()
                .endRunning()
                .endState()
                .endContainerStatus()
                .endStatus()
                .build();
        assertThat(PodDiagnosis.notReady(initDone)).contains("pod shop/web-v2-x container web: not ready");
        assertThat(PodDiagnosis.summary(List.of(initDone)))
                .get(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .doesNotContain("migrate-check");

        var initFailed = pod().withNewStatus()
                .withPhase("Pending")
                .addNewInitContainerStatus()
                .withName("migrate-check")
                .withReady(false)
                .withNewState()
                .withNewTerminated()
                .withReason("Error")
                .withExitCode(3)
                .endTerminated()
                .endState()
                .endInitContainerStatus()
                .addNewContainerStatus()
                .withName("web")
                .withReady(false)
                .withNewState()
                .withNewWaiting()
                .withReason("PodInitializing")
                .endWaiting()
                .endState()
                .endContainerStatus()
                .endStatus()
                .build();
        assertThat(PodDiagnosis.notReady(initFailed))
                .contains("pod shop/web-v2-x init container migrate-check: Error" + " (exit code 3)");

        var initRunning = pod().withNewStatus()
                .withPhase("Pending")
                .addNewInitContainerStatus()
                .withName("migrate-check")
                .withReady(false)
                .withNewState()
                .withNewRunning()
                .endRunning()
                .endState()
                .endInitContainerStatus()
                .addNewContainerStatus()
                .withName("web")
                .withReady(false)
                .withNewState()
                .withNewWaiting()
                .withReason("PodInitializing")
                .endWaiting()
                .endState()
                .endContainerStatus()
                .endStatus()
                .build();
        assertThat(PodDiagnosis.notReady(initRunning))
                .contains("pod shop/web-v2-x init container migrate-check:" + " still running");
    }
}
