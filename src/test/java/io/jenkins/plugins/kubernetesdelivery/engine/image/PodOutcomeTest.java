package io.jenkins.plugins.kubernetesdelivery.engine.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodOutcomeTest {

    static final String DIGEST = "sha256:" + "ab".repeat(32);
    static final Instant NOW = Instant.parse("2026-11-27T02:00:00Z");

    static Pod pod(String phase, List<ContainerStatus> init, List<ContainerStatus> main) {
        return new PodBuilder()
                .withNewMetadata()
                .withName("bake-x")
                .withNamespace("ns")
                .endMetadata()
                .withNewSpec()
                .withActiveDeadlineSeconds(600L)
                .endSpec()
                .withNewStatus()
                .withPhase(phase)
                .withInitContainerStatuses(init)
                .withContainerStatuses(main)
                .endStatus()
                .build();
    }

    static ContainerStatus terminated(String name, int code, String reason, String message) {
        return new ContainerStatusBuilder()
                .withName(name)
                .withImage("img")
                .withNewState()
                .withNewTerminated()
                .withExitCode(code)
                .withReason(reason)
                .withMessage(message)
                .endTerminated()
                .endState()
                .build();
    }

    static ContainerStatus waiting(String name, String reason, String message) {
        return new ContainerStatusBuilder()
                .withName(name)
                .withImage("registry.example.com/builder:1")
                .withNewState()
                .withNewWaiting()
                .withReason(reason)
                .withMessage(message)
                .endWaiting()
                .endState()
                .build();
    }

    static ContainerStatus running(String name) {
        return new ContainerStatusBuilder()
                .withName(name)
                .withImage("img")
                .withNewState()
                .withNewRunning()
                .endRunning()
                .endState()
                .build();
    }

    static PodOutcome of(Pod pod) {
        return PodOutcome.of(pod, "ns/bake-x", NOW, Duration.ofMinutes(2));
    }

    static String reason(Pod pod) {
        PodOutcome o = of(pod);
        assertThat(o).isInstanceOf(PodOutcome.Failed.class);
        return ((PodOutcome.Failed) o).reason();
    }

    @Test
    void successNeedsExitZeroAndADigest() {
        assertThat(of(pod("Succeeded", List.of(), List.of(terminated("build", 0, "Completed", DIGEST + "\n")))))
                .isEqualTo(new PodOutcome.Succeeded(DIGEST));
        assertThat(reason(pod("Succeeded", List.of(), List.of(terminated("build", 0, "Completed", null)))))
                .contains("holds no sha256 digest");
        assertThat(reason(pod("Succeeded", List.of(), List.of(terminated("build", 0, "Completed", "sha256:abc")))))
                .contains("holds no sha256 digest");
    }

    @Test
    void digestParsing() {
        assertThat(PodOutcome.digestOf(DIGEST)).contains(DIGEST);
        assertThat(PodOutcome.digestOf(" " + DIGEST + "\n")).contains(DIGEST);
        assertThat(PodOutcome.digestOf("{\"containerimage.digest\":\"" + DIGEST + "\",\"image.name\":\"r/a:1\"}"))
                .contains(DIGEST);
        // cut short by the kubelet's 4 KiB limit, after the digest field
        assertThat(PodOutcome.digestOf("{\"containerimage.config.digest\":\"sha256:" + "cd".repeat(32)
                        + "\",\"containerimage.digest\":\"" + DIGEST + "\",\"containerimage.descriptor\":{\"x"))
                .contains(DIGEST);
        assertThat(PodOutcome.digestOf("{\"containerimage.config.digest\":\"" + DIGEST + "\"}"))
                .isEmpty();
        assertThat(PodOutcome.digestOf("SHA256:" + "AB".repeat(32))).isEmpty();
        assertThat(PodOutcome.digestOf("pushed " + DIGEST)).isEmpty();
        assertThat(PodOutcome.digestOf(null)).isEmpty();
    }

    @Test
    void failuresAreOneLineWithTheReason() {
        assertThat(reason(pod("Failed", List.of(), List.of(terminated("build", 1, "Error", "")))))
                .isEqualTo("the builder container of ns/bake-x exited with code 1 (Error); see the builder log above");
        assertThat(reason(pod("Failed", List.of(), List.of(terminated("build", 137, "OOMKilled", "")))))
                .contains("was OOMKilled (exit code 137)");
        assertThat(reason(pod("Pending", List.of(terminated("context", 2, "Error", "tar: short read")), List.of())))
                .contains("context upload into ns/bake-x failed: tar exited with code 2 (Error): tar: short read");
        assertThat(reason(pod(
                        "Pending",
                        List.of(waiting(
                                "context",
                                "ImagePullBackOff",
                                "Back-off pulling image\n \"registry.example.com/builder:1\"")),
                        List.of())))
                .isEqualTo("container context of ns/bake-x cannot start: ImagePullBackOff (image"
                        + " registry.example.com/builder:1): Back-off pulling image \"registry.example.com/builder:1\";"
                        + " check the builder image setting and the registry it is pulled from");
        assertThat(reason(pod(
                        "Pending",
                        List.of(terminated("context", 0, "Completed", null)),
                        List.of(waiting("build", "ErrImageNeverPull", null)))))
                .contains("container build of ns/bake-x cannot start: ErrImageNeverPull");
        assertThat(reason(pod(
                        "Running",
                        List.of(
                                terminated("context", 0, "Completed", null),
                                terminated("buildkitd", 137, "OOMKilled", null)),
                        List.of(running("build")))))
                .contains("container buildkitd of ns/bake-x was OOMKilled");
        Pod deadline = pod("Failed", List.of(), List.of(running("build")));
        deadline.getStatus().setReason("DeadlineExceeded");
        assertThat(reason(deadline)).contains("exceeded its deadline of 600 s");
        Pod evicted = pod("Failed", List.of(), List.of());
        evicted.getStatus().setReason("Evicted");
        evicted.getStatus().setMessage("The node was low on resource: ephemeral-storage.");
        assertThat(reason(evicted))
                .isEqualTo("the builder pod ns/bake-x failed (Evicted): The node was low on"
                        + " resource: ephemeral-storage.");
        assertThat(reason(null)).contains("was deleted");
    }

    @Test
    void transientWaitingStatesAreStillInProgress() {
        for (String passing : List.of("ErrImagePull", "CreateContainerError", "ContainerCreating", "PodInitializing")) {
            assertThat(of(pod(
                            "Pending",
                            List.of(terminated("context", 0, "Completed", null)),
                            List.of(waiting("build", passing, "retrying")))))
                    .as(passing)
                    .isEqualTo(new PodOutcome.InProgress(false, true, false));
        }
        assertThat(of(pod("Pending", List.of(waiting("context", "ErrImagePull", "rpc error")), List.of())))
                .isEqualTo(new PodOutcome.InProgress(false, false, false));
    }

    static ContainerStatus restarted(ContainerStatus c, int restarts, int lastExit, String lastReason) {
        return new ContainerStatusBuilder(c)
                .withRestartCount(restarts)
                .withNewLastState()
                .withNewTerminated()
                .withExitCode(lastExit)
                .withReason(lastReason)
                .endTerminated()
                .endLastState()
                .build();
    }

    @Test
    void aCrashLoopingSidecarFailsTheBake() {
        ContainerStatus backOff =
                restarted(waiting("buildkitd", "CrashLoopBackOff", "back-off 20s restarting"), 2, 1, "Error");
        assertThat(reason(pod(
                        "Pending",
                        List.of(terminated("context", 0, "Completed", null), backOff),
                        List.of(waiting("build", "PodInitializing", null)))))
                .isEqualTo("container buildkitd of ns/bake-x keeps crashing (CrashLoopBackOff, restarted 2 times, last"
                        + " exit code 1 (Error)); read its log with kubectl logs -n ns bake-x -c buildkitd --previous"
                        + " and check that the nodes meet the builder's requirements");
        // between crashes the sidecar runs again: past the bound of restarts it fails all the same
        assertThat(reason(pod(
                        "Running",
                        List.of(
                                terminated("context", 0, "Completed", null),
                                restarted(running("buildkitd"), PodOutcome.MAX_RESTARTS + 1, 137, "OOMKilled")),
                        List.of(running("build")))))
                .isEqualTo("container buildkitd of ns/bake-x keeps crashing (restarted 4 times, last exit code 137"
                        + " (OOMKilled)); raise the builder's memory limit");
        // a restart or few within the bound pass
        assertThat(of(pod(
                        "Running",
                        List.of(
                                terminated("context", 0, "Completed", null),
                                restarted(running("buildkitd"), PodOutcome.MAX_RESTARTS, 1, "Error")),
                        List.of(running("build")))))
                .isEqualTo(new PodOutcome.InProgress(false, true, true));
    }

    @Test
    void unschedulableFailsOnlyAfterTheGrace() {
        Pod pod = pod("Pending", List.of(), List.of());
        pod.getStatus()
                .setConditions(List.of(new PodConditionBuilder()
                        .withType("PodScheduled")
                        .withStatus("False")
                        .withReason("Unschedulable")
                        .withMessage(
                                "0/2 nodes are available: 2 node(s) didn't match Pod's node" + " affinity/selector.")
                        .withLastTransitionTime("2026-11-27T01:59:00Z")
                        .build()));
        assertThat(of(pod)).isInstanceOf(PodOutcome.InProgress.class);
        PodOutcome late = PodOutcome.of(pod, "ns/bake-x", NOW, Duration.ofSeconds(30));
        assertThat(((PodOutcome.Failed) late).reason()).contains("cannot be scheduled: 0/2 nodes are available");
    }

    @Test
    void progressTellsWhenTheContextCanBeSent() {
        assertThat(of(pod("Pending", List.of(), List.of()))).isEqualTo(new PodOutcome.InProgress(false, false, false));
        assertThat(of(pod("Pending", List.of(running("context")), List.of())))
                .isEqualTo(new PodOutcome.InProgress(true, false, false));
        assertThat(of(pod(
                        "Running",
                        List.of(terminated("context", 0, "Completed", null), running("buildkitd")),
                        List.of(running("build")))))
                .isEqualTo(new PodOutcome.InProgress(false, true, true));
    }
}
