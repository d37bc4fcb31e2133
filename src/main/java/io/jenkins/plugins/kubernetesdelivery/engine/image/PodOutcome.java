package io.jenkins.plugins.kubernetesdelivery.engine.image;

import static io.jenkins.plugins.kubernetesdelivery.engine.cluster.ApiErrors.oneLine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ContainerProblems;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ImageRef;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What a builder pod's status says about the bake: still going, pushed a digest, or failed (and why, in one line). */
public sealed interface PodOutcome {

    /** Still pending or running; {@code contextReceiverRunning} when the context can be sent now. */
    record InProgress(boolean contextReceiverRunning, boolean contextReceived, boolean buildStarted)
            implements PodOutcome {}

    record Succeeded(String digest) implements PodOutcome {}

    record Failed(String reason) implements PodOutcome {}

    /** Waiting reasons the kubelet does not get past; it retries ErrImagePull and CreateContainerError itself. */
    Set<String> CANNOT_START = ContainerProblems.cannotStartOr("ErrImageNeverPull", "RunContainerError");

    /** More restarts than this of a restartable container (the buildkitd sidecar) make a crash loop. */
    int MAX_RESTARTS = 3;

    /**
     * Classifies a pod; null means it is gone.
     *
     * @param unschedulableGrace how long the pod may stay unschedulable (e.g. while a cluster autoscaler adds a
     *     node) before that counts as a failure
     */
    static PodOutcome of(Pod pod, String name, Instant now, Duration unschedulableGrace) {
        if (pod == null) {
            return new Failed("the builder pod " + name + " was deleted before it finished");
        }
        String id = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
        var status = pod.getStatus();
        List<ContainerStatus> init = status == null || status.getInitContainerStatuses() == null
                ? List.of()
                : status.getInitContainerStatuses();
        List<ContainerStatus> main =
                status == null || status.getContainerStatuses() == null ? List.of() : status.getContainerStatuses();
        Optional<ContainerStatus> build = find(main, BuilderPod.BUILD_CONTAINER);
        if (build.isPresent()
                && build.get().getState() != null
                && build.get().getState().getTerminated() != null) {
            return finished(id, build.get().getState().getTerminated());
        }
        Optional<ContainerStatus> receiver = find(init, BuilderPod.CONTEXT_CONTAINER);
        ContainerStateTerminated received = receiver.map(ContainerStatus::getState)
                .map(ContainerState::getTerminated)
                .orElse(null);
        if (received != null && received.getExitCode() != null && received.getExitCode() != 0) {
            return new Failed("the context upload into " + id + " failed: tar exited with code "
                    + received.getExitCode() + reasonSuffix(received.getReason(), received.getMessage())
                    + "; check the context for unusual files and the receiver image");
        }
        List<ContainerStatus> all = new ArrayList<>(init);
        all.addAll(main);
        for (ContainerStatus c : all) {
            ContainerStateWaiting w = c.getState() == null ? null : c.getState().getWaiting();
            if (w != null && "CrashLoopBackOff".equals(w.getReason())
                    || c.getRestartCount() != null && c.getRestartCount() > MAX_RESTARTS) {
                return new Failed(crashLoop(pod, c));
            }
            if (w != null && CANNOT_START.contains(w.getReason())) {
                return new Failed("container " + c.getName() + " of " + id + " cannot start: " + w.getReason()
                        + " (image " + c.getImage() + ")"
                        + (w.getMessage() == null ? "" : ": " + oneLine(w.getMessage()))
                        + "; check the builder image setting and the registry it is pulled from");
            }
            ContainerStateTerminated t =
                    c.getState() == null ? null : c.getState().getTerminated();
            if (t != null && "OOMKilled".equals(t.getReason()) && !BuilderPod.CONTEXT_CONTAINER.equals(c.getName())) {
                return new Failed("container " + c.getName() + " of " + id + " was OOMKilled (exit code "
                        + t.getExitCode() + "); raise the builder's memory limit");
            }
        }
        if (status != null && "Failed".equals(status.getPhase())) {
            if ("DeadlineExceeded".equals(status.getReason())) {
                return new Failed("the builder pod " + id + " exceeded its deadline of "
                        + pod.getSpec().getActiveDeadlineSeconds() + " s and was stopped; raise the timeout or"
                        + " speed up the build");
            }
            return new Failed(
                    "the builder pod " + id + " failed" + reasonSuffix(status.getReason(), status.getMessage()));
        }
        if (status != null && "Succeeded".equals(status.getPhase())) {
            return new Failed("the builder pod " + id + " succeeded without a status for its build container");
        }
        Optional<PodCondition> unschedulable = status == null || status.getConditions() == null
                ? Optional.empty()
                : status.getConditions().stream()
                        .filter(c -> "PodScheduled".equals(c.getType())
                                && "False".equals(c.getStatus())
                                && "Unschedulable".equals(c.getReason()))
                        .findFirst();
        if (unschedulable.isPresent() && since(unschedulable.get(), now).compareTo(unschedulableGrace) >= 0) {
            return new Failed("the builder pod " + id + " cannot be scheduled: "
                    + oneLine(String.valueOf(unschedulable.get().getMessage()))
                    + "; check the node selector, tolerations and resource requests");
        }
        boolean receiving = receiver.map(ContainerStatus::getState)
                .map(ContainerState::getRunning)
                .isPresent();
        boolean buildStarted = build.map(ContainerStatus::getState)
                .map(ContainerState::getRunning)
                .isPresent();
        return new InProgress(receiving, received != null, buildStarted);
    }

    private static String crashLoop(Pod pod, ContainerStatus c) {
        String ns = pod.getMetadata().getNamespace();
        String id = ns + "/" + pod.getMetadata().getName();
        ContainerStateTerminated last =
                c.getLastState() == null ? null : c.getLastState().getTerminated();
        String ended =
                last == null ? "" : ", last exit code " + last.getExitCode() + reasonSuffix(last.getReason(), null);
        String what = last != null && "OOMKilled".equals(last.getReason())
                ? "raise the builder's memory limit"
                : "read its log with kubectl logs -n " + ns + " "
                        + pod.getMetadata().getName() + " -c " + c.getName()
                        + " --previous and check that the nodes meet the builder's requirements";
        ContainerStateWaiting w = c.getState() == null ? null : c.getState().getWaiting();
        String backOff = w != null && "CrashLoopBackOff".equals(w.getReason()) ? "CrashLoopBackOff, " : "";
        return "container " + c.getName() + " of " + id + " keeps crashing (" + backOff + "restarted "
                + (c.getRestartCount() == null ? 0 : c.getRestartCount()) + " times" + ended + "); " + what;
    }

    /** How the reason of a non-zero exit ends; the bake puts the registry's answer before it. */
    static final String SEE_LOG = "; see the builder log above";

    private static PodOutcome finished(String id, ContainerStateTerminated t) {
        int code = t.getExitCode() == null ? -1 : t.getExitCode();
        if ("OOMKilled".equals(t.getReason())) {
            return new Failed("the builder container of " + id + " was OOMKilled (exit code " + code
                    + "); raise the builder's memory limit");
        }
        if (code != 0) {
            return new Failed("the builder container of " + id + " exited with code " + code
                    + reasonSuffix(t.getReason(), null) + SEE_LOG);
        }
        Optional<String> digest = digestOf(t.getMessage());
        if (digest.isEmpty()) {
            return new Failed("the builder container of " + id + " exited with code 0 but its termination message"
                    + " holds no sha256 digest; the push may not have happened");
        }
        return new Succeeded(digest.get());
    }

    /**
     * The digest in a termination message: Kaniko writes the bare digest; BuildKit writes its metadata JSON with
     * {@code containerimage.digest}.
     */
    static Optional<String> digestOf(String message) {
        if (message == null) {
            return Optional.empty();
        }
        String m = message.strip();
        if (ImageRef.isDigest(m)) {
            return Optional.of(m);
        }
        if (m.startsWith("{")) {
            try {
                JsonNode node = new ObjectMapper().readTree(m);
                String d = node.path("containerimage.digest").asText("");
                return ImageRef.isDigest(d) ? Optional.of(d) : Optional.empty();
            } catch (IOException e) {
                // cut at 4 KiB by the kubelet: fall back to the field's text
                int at = m.indexOf("\"containerimage.digest\"");
                return at < 0 ? Optional.empty() : ImageRef.findDigest(m.substring(at));
            }
        }
        return Optional.empty();
    }

    private static Optional<ContainerStatus> find(List<ContainerStatus> statuses, String name) {
        return statuses.stream().filter(s -> name.equals(s.getName())).findFirst();
    }

    private static Duration since(PodCondition c, Instant now) {
        try {
            return Duration.between(
                    OffsetDateTime.parse(c.getLastTransitionTime()).toInstant(), now);
        } catch (RuntimeException e) {
            return Duration.ZERO;
        }
    }

    private static String reasonSuffix(String reason, String message) {
        String s = reason == null || reason.isEmpty() ? "" : " (" + reason + ")";
        return message == null || message.isBlank() ? s : s + ": " + oneLine(message);
    }
}
