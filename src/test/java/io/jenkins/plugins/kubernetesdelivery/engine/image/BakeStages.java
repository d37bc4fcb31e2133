package io.jenkins.plugins.kubernetesdelivery.engine.image;

import static io.jenkins.plugins.kubernetesdelivery.testenv.KwokStages.statuses;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubernetesdelivery.testenv.KwokStages;
import java.time.Duration;
import java.util.Map;

/**
 * kwok Stages that play the kubelet for builder pods in testenv, writing the container states a real node would as
 * the bake goes on: context receiver running, context received, build container terminated. {@link #close()}
 * deletes them. Public for the {@code bakeImage} step's cluster tests; its {@link PodChannels} stand-in marks the
 * upload with {@link #UPLOADED} as {@link StageDrivenChannels} does.
 */
public final class BakeStages implements AutoCloseable {

    /** The pod annotation ({@code "true"}) that says the context was uploaded. */
    public static final String UPLOADED = "testenv.delivery.jenkins.io/uploaded";
    /** The pod annotation ({@code "true"}) that lets {@link #building()} pods finish. */
    public static final String FINISH = "testenv.delivery.jenkins.io/finish";

    private final KwokStages stages;

    public BakeStages(KubernetesClient client) {
        this.stages = new KwokStages(client, "bake");
    }

    /** The label that builder pods need so that these Stages (and not kwok's defaults) drive them. */
    public Map<String, String> podLabels() {
        return stages.podLabels();
    }

    /** A label that keeps kwok's default stages off a pod while no Stage selects it: the pod stays Pending. */
    Map<String, String> unstagedPodLabels() {
        return Map.of(KwokStages.LABEL, stages.value() + "-none");
    }

    /**
     * A custom Stage for pods whose upload is marked done and that are still Pending without container statuses
     * (the point where {@link #building()} would start the containers): the caller adds its status template.
     */
    KwokStages.Stage afterUpload(String suffix) {
        return stages.stage(suffix)
                .when(".metadata.annotations[\"" + UPLOADED + "\"]", "In", "true")
                .when(".status.phase", "In", "Pending")
                .when(".status.containerStatuses", "DoesNotExist");
    }

    /** The context receiver starts running (the other init containers wait) until the test marks the upload done. */
    public BakeStages receiverRuns() {
        stages.stage("receive")
                .when(".status.phase", "In", "Pending")
                .when(".metadata.annotations[\"" + UPLOADED + "\"]", "DoesNotExist")
                .when(".status.initContainerStatuses", "DoesNotExist")
                .create("""
                        {{ $now := Now }}
                        phase: Pending
                        """ + statuses("initContainers", false, 0, """
                        state:
                        {{ if eq .name "context" }}
                          running:
                            startedAt: {{ $now | Quote }}
                        {{ else }}
                          waiting:
                            reason: PodInitializing
                        {{ end }}
                        """));
        return this;
    }

    /**
     * Once the upload is marked done (or at once when {@code afterUpload} is false), the build container
     * terminates with this exit code, reason and termination message.
     */
    public BakeStages buildTerminates(boolean afterUpload, int exitCode, String reason, String message) {
        return buildTerminates(afterUpload ? UPLOADED : null, "Pending", exitCode, reason, message);
    }

    /** After the upload, the pod runs: context received, buildkitd (if any) and the build container running. */
    public BakeStages building() {
        stages.stage("build")
                .when(".metadata.annotations[\"" + UPLOADED + "\"]", "In", "true")
                .when(".status.phase", "In", "Pending")
                .create("""
                        {{ $now := Now }}
                        phase: Running
                        """
                        + statuses(
                                "initContainers",
                                false,
                                0,
                                """
                        state:
                        {{ if eq .name "context" }}
                        """ + terminated(0, "Completed", null).indent(2) + """
                        {{ else }}
                          running:
                            startedAt: {{ $now | Quote }}
                        {{ end }}
                        """)
                        + statuses("containers", true, 0, """
                        state:
                          running:
                            startedAt: {{ $now | Quote }}
                        """));
        return this;
    }

    /** As above, once the pod carries the annotation {@code afterAnnotation: "true"} and is in the given phase. */
    public BakeStages buildTerminates(
            String afterAnnotation, String fromPhase, int exitCode, String reason, String message) {
        return buildTerminates(afterAnnotation, fromPhase, exitCode, reason, message, Duration.ZERO);
    }

    /** As above, {@code delay} after the pod matched (the image pull, say, taking a while). */
    BakeStages buildTerminates(
            String afterAnnotation, String fromPhase, int exitCode, String reason, String message, Duration delay) {
        KwokStages.Stage finish = stages.stage("finish");
        if (afterAnnotation != null) {
            finish.when(".metadata.annotations[\"" + afterAnnotation + "\"]", "In", "true");
        }
        if (!delay.isZero()) {
            finish.after(delay);
        }
        finish.when(".status.phase", "In", fromPhase)
                .create("""
                {{ $now := Now }}
                phase: %s
                """.formatted(exitCode == 0 ? "Succeeded" : "Failed")
                        + statuses(
                                "initContainers",
                                false,
                                0,
                                "state:\n" + terminated(0, "Completed", null).indent(2))
                        + statuses(
                                "containers",
                                false,
                                0,
                                "state:\n"
                                        + terminated(exitCode, reason, message).indent(2)));
        return this;
    }

    /** A terminated container state, started and finished now; {@code message} may be null. */
    static String terminated(int exitCode, String reason, String message) {
        return """
                terminated:
                  exitCode: %d
                  reason: %s
                %s  startedAt: {{ $now | Quote }}
                  finishedAt: {{ $now | Quote }}
                """.formatted(exitCode, reason, message == null ? "" : "  message: '" + message + "'\n");
    }

    @Override
    public void close() {
        stages.close();
    }
}
