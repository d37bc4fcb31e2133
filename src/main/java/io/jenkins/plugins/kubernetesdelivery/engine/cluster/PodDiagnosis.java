package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Why pods do not become ready, in one line, from pod conditions and container states. Null-safe. */
public final class PodDiagnosis {

    /**
     * Waiting reasons that will not resolve by waiting longer: besides a container that cannot start, a crash loop
     * (the Deployment's pods restart, so a crash shows as a loop) and an image that must not be pulled and is absent.
     */
    static final Set<String> FATAL_WAITING = ContainerProblems.cannotStartOr("CrashLoopBackOff", "ErrImageNeverPull");

    private PodDiagnosis() {}

    /** A reason that ends the wait at once, or empty. */
    static Optional<String> fatal(Pod pod) {
        for (ContainerStatus c : statuses(pod)) {
            String name = containerName(pod, c);
            if (c.getState() != null
                    && c.getState().getWaiting() != null
                    && FATAL_WAITING.contains(c.getState().getWaiting().getReason())) {
                var last = c.getLastState() == null ? null : c.getLastState().getTerminated();
                return Optional.of(describe(
                                pod,
                                name,
                                c.getState().getWaiting().getReason(),
                                c.getState().getWaiting().getMessage())
                        + (last == null
                                ? ""
                                : "; last terminated: " + last.getReason() + ", exit code " + last.getExitCode()));
            }
            if (c.getState() != null
                    && c.getState().getTerminated() != null
                    && "OOMKilled".equals(c.getState().getTerminated().getReason())) {
                return Optional.of(describe(
                        pod,
                        name,
                        "OOMKilled",
                        "exit code " + c.getState().getTerminated().getExitCode()));
            }
            if (c.getLastState() != null
                    && c.getLastState().getTerminated() != null
                    && "OOMKilled".equals(c.getLastState().getTerminated().getReason())) {
                return Optional.of(describe(pod, name, "OOMKilled", "restarted " + c.getRestartCount() + " times"));
            }
        }
        return Optional.empty();
    }

    /** Every reason a pod is not ready, for the message when the wait times out. */
    static Optional<String> notReady(Pod pod) {
        Optional<String> f = fatal(pod);
        if (f.isPresent()) {
            return f;
        }
        if (pod.getStatus() != null && pod.getStatus().getConditions() != null) {
            for (PodCondition c : pod.getStatus().getConditions()) {
                if ("PodScheduled".equals(c.getType()) && "False".equals(c.getStatus())) {
                    return Optional.of(describe(
                            pod, null, c.getReason() == null ? "not scheduled" : c.getReason(), c.getMessage()));
                }
            }
        }
        for (ContainerStatus c : statuses(pod)) {
            String name = containerName(pod, c);
            boolean init = name.startsWith("init ");
            var terminated = c.getState() == null ? null : c.getState().getTerminated();
            if (init && terminated != null && Integer.valueOf(0).equals(terminated.getExitCode())) {
                continue; // an init container that succeeded is done, never the reason
            }
            if (c.getState() != null && c.getState().getWaiting() != null) {
                return Optional.of(describe(
                        pod,
                        name,
                        c.getState().getWaiting().getReason(),
                        c.getState().getWaiting().getMessage()));
            }
            if (terminated != null) {
                return Optional.of(
                        describe(pod, name, terminated.getReason(), "exit code " + terminated.getExitCode()));
            }
            if (!Boolean.TRUE.equals(c.getReady())) {
                // a running init container still works (a migration); a sidecar (restartPolicy Always) is not ready
                return Optional.of(describe(
                        pod,
                        name,
                        init && c.getState() != null && c.getState().getRunning() != null && !isSidecar(pod, c)
                                ? "still running"
                                : "not ready",
                        null));
            }
        }
        if (pod.getStatus() == null
                || pod.getStatus().getPhase() == null
                || "Pending".equals(pod.getStatus().getPhase())) {
            return Optional.of(describe(pod, null, "Pending", null));
        }
        return Optional.empty();
    }

    /** The first reason among the pods, with how many pods share the problem. */
    public static Optional<String> summary(List<Pod> pods) {
        List<String> reasons = new ArrayList<>();
        pods.forEach(p -> notReady(p).ifPresent(reasons::add));
        if (reasons.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                reasons.get(0) + (reasons.size() > 1 ? " (and " + (reasons.size() - 1) + " more pods not ready)" : ""));
    }

    private static List<ContainerStatus> statuses(Pod pod) {
        List<ContainerStatus> all = new ArrayList<>();
        if (pod.getStatus() != null) {
            if (pod.getStatus().getInitContainerStatuses() != null) {
                all.addAll(pod.getStatus().getInitContainerStatuses());
            }
            if (pod.getStatus().getContainerStatuses() != null) {
                all.addAll(pod.getStatus().getContainerStatuses());
            }
        }
        return all;
    }

    /** {@code init container <name>} for an init container (sidecars included), else {@code container <name>}. */
    private static String containerName(Pod pod, ContainerStatus c) {
        boolean init = pod.getStatus() != null
                && pod.getStatus().getInitContainerStatuses() != null
                && pod.getStatus().getInitContainerStatuses().contains(c);
        return (init ? "init container " : "container ") + c.getName();
    }

    private static boolean isSidecar(Pod pod, ContainerStatus c) {
        return pod.getSpec() != null
                && pod.getSpec().getInitContainers() != null
                && pod.getSpec().getInitContainers().stream()
                        .anyMatch(i -> i.getName().equals(c.getName()) && "Always".equals(i.getRestartPolicy()));
    }

    private static String describe(Pod pod, String container, String reason, String message) {
        String where = "pod " + pod.getMetadata().getNamespace() + "/"
                + pod.getMetadata().getName() + (container == null ? "" : " " + container);
        return where + ": " + reason
                + (message == null || message.isBlank() ? "" : " (" + ApiErrors.oneLine(message) + ")");
    }
}
