package io.jenkins.plugins.kubernetesdelivery.engine.image;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;

/**
 * kwok Stages that play the kubelet for builder pods in testenv: they select pods by the
 * {@code testenv.delivery.jenkins.io/stage} label and write the container states a real node would. Stages are
 * cluster-wide: each carries the test's unique value in its name, and {@link #close()} deletes them.
 */
final class KwokStages implements AutoCloseable {

    static final String LABEL = "testenv.delivery.jenkins.io/stage";
    static final String UPLOADED = "testenv.delivery.jenkins.io/uploaded";
    static final String FINISH = "testenv.delivery.jenkins.io/finish";

    private final KubernetesClient client;
    private final String value;
    private final List<HasMetadata> created = new ArrayList<>();

    KwokStages(KubernetesClient client, String value) {
        this.client = client;
        this.value = value;
    }

    /** The context receiver starts running (the other init containers wait) until the test marks the upload done. */
    KwokStages receiverRuns() {
        return add("receive", """
                - key: '.status.phase'
                  operator: In
                  values: ['Pending']
                - key: '.metadata.annotations["%s"]'
                  operator: DoesNotExist
                - key: '.status.initContainerStatuses'
                  operator: DoesNotExist
                """.formatted(UPLOADED), """
                {{ $now := Now }}
                phase: Pending
                initContainerStatuses:
                {{ range .spec.initContainers }}
                - name: {{ .name | Quote }}
                  image: {{ .image | Quote }}
                  ready: false
                  restartCount: 0
                  state:
                {{ if eq .name "context" }}
                    running:
                      startedAt: {{ $now | Quote }}
                {{ else }}
                    waiting:
                      reason: PodInitializing
                {{ end }}
                {{ end }}
                """, 0);
    }

    /**
     * Once the upload is marked done (or at once when {@code afterUpload} is false), the build container
     * terminates with this exit code, reason and termination message.
     */
    KwokStages buildTerminates(boolean afterUpload, int exitCode, String reason, String message, long delayMillis) {
        return buildTerminates(afterUpload ? UPLOADED : null, "Pending", exitCode, reason, message, delayMillis);
    }

    /** After the upload, the pod runs: context received, buildkitd (if any) and the build container running. */
    KwokStages building() {
        return add("build", """
                - key: '.metadata.annotations["%s"]'
                  operator: In
                  values: ['true']
                - key: '.status.phase'
                  operator: In
                  values: ['Pending']
                """.formatted(UPLOADED), """
                {{ $now := Now }}
                phase: Running
                initContainerStatuses:
                {{ range .spec.initContainers }}
                - name: {{ .name | Quote }}
                  image: {{ .image | Quote }}
                  ready: false
                  restartCount: 0
                  state:
                {{ if eq .name "context" }}
                    terminated:
                      exitCode: 0
                      reason: Completed
                      startedAt: {{ $now | Quote }}
                      finishedAt: {{ $now | Quote }}
                {{ else }}
                    running:
                      startedAt: {{ $now | Quote }}
                {{ end }}
                {{ end }}
                containerStatuses:
                {{ range .spec.containers }}
                - name: {{ .name | Quote }}
                  image: {{ .image | Quote }}
                  ready: true
                  restartCount: 0
                  state:
                    running:
                      startedAt: {{ $now | Quote }}
                {{ end }}
                """, 0);
    }

    /** As above, once the pod carries the annotation {@code afterAnnotation: "true"} and is in the given phase. */
    KwokStages buildTerminates(String afterAnnotation, String fromPhase, int exitCode, String reason, String message,
            long delayMillis) {
        String when = afterAnnotation != null ? """
                - key: '.metadata.annotations["%s"]'
                  operator: In
                  values: ['true']
                """.formatted(afterAnnotation) : "";
        return add("finish", when + """
                - key: '.status.phase'
                  operator: In
                  values: ['%s']
                """.formatted(fromPhase), """
                {{ $now := Now }}
                phase: %s
                initContainerStatuses:
                {{ range .spec.initContainers }}
                - name: {{ .name | Quote }}
                  image: {{ .image | Quote }}
                  ready: false
                  restartCount: 0
                  state:
                    terminated:
                      exitCode: 0
                      reason: Completed
                      startedAt: {{ $now | Quote }}
                      finishedAt: {{ $now | Quote }}
                {{ end }}
                containerStatuses:
                {{ range .spec.containers }}
                - name: {{ .name | Quote }}
                  image: {{ .image | Quote }}
                  ready: false
                  restartCount: 0
                  state:
                    terminated:
                      exitCode: %d
                      reason: %s
                      message: '%s'
                      startedAt: {{ $now | Quote }}
                      finishedAt: {{ $now | Quote }}
                {{ end }}
                """.formatted(exitCode == 0 ? "Succeeded" : "Failed", exitCode, reason, message), delayMillis);
    }

    KwokStages add(String suffix, String extraSelector, String template, long delayMillis) {
        String delay = delayMillis <= 0 ? "" : """
                  delay:
                    durationMilliseconds: %d
                """.formatted(delayMillis);
        String yaml = """
                apiVersion: kwok.x-k8s.io/v1alpha1
                kind: Stage
                metadata:
                  name: bake-%s-%s
                spec:
                  resourceRef:
                    apiGroup: v1
                    kind: Pod
                  selector:
                    matchExpressions:
                    - key: '.metadata.labels["%s"]'
                      operator: In
                      values: ['%s']
                    - key: '.metadata.deletionTimestamp'
                      operator: DoesNotExist
                %s%s  next:
                    statusTemplate: |
                %s""".formatted(value, suffix, LABEL, value, indent(extraSelector, "    "), delay,
                indent(template, "      "));
        created.add(client.resource(yaml).create());
        return this;
    }

    private static String indent(String text, String prefix) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n")) {
            sb.append(prefix).append(line).append('\n');
        }
        return sb.toString();
    }

    @Override
    public void close() {
        for (HasMetadata s : created) {
            client.resource(s).delete();
        }
    }
}
