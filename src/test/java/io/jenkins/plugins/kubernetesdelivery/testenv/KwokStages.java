package io.jenkins.plugins.kubernetesdelivery.testenv;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The kwok Stages of one test: they play the kubelet for the test's own pods, writing the container states a real
 * node would (an image pull error, a crash, an exit code, a termination message). kwok's default stages skip pods
 * labeled {@value #LABEL}; a test puts {@link #podLabels()} on its pods and adds Stages that select that label value.
 * Stages are cluster-wide: their names carry the test's unique value, and {@link #close()} deletes them.
 *
 * <pre>
 * try (KwokStages stages = new KwokStages(client, "pull")) {
 *     stages.stage("fail").when(".status.containerStatuses", "DoesNotExist").create("phase: Pending\n"
 *             + KwokStages.statuses("containers", false, 0, "state: {waiting: {reason: ImagePullBackOff}}\n"));
 *     // create pods labeled stages.podLabels(), then assert
 * }
 * </pre>
 */
public final class KwokStages implements AutoCloseable {

    /** The pod label that kwok's default stages skip and a test's own Stages select. */
    public static final String LABEL = "testenv.delivery.jenkins.io/stage";

    private final KubernetesClient client;
    private final String value;
    private final List<HasMetadata> created = new ArrayList<>();

    /** Stages for pods labeled with a fresh value {@code <prefix>-<8 random hex digits>}. */
    public KwokStages(KubernetesClient client, String prefix) {
        this.client = client;
        this.value = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The value of {@value #LABEL} that these Stages select. */
    public String value() {
        return value;
    }

    /** The label to put on the pods these Stages drive. */
    public Map<String, String> podLabels() {
        return Map.of(LABEL, value);
    }

    /** A new Stage named {@code <value>-<suffix>}, selecting this test's pods that are not being deleted. */
    public Stage stage(String suffix) {
        return new Stage(value + "-" + suffix);
    }

    /**
     * A status template fragment: the list {@code containerStatuses} (for {@code specField} {@code containers}) or
     * {@code initContainerStatuses} (for {@code initContainers}), with one entry per container of the pod spec, named
     * after it, with its image, {@code ready} and {@code restartCount}, followed by {@code state} (YAML at the
     * entry's level such as {@code state:} and {@code lastState:}, Go template directives allowed).
     */
    public static String statuses(String specField, boolean ready, int restartCount, String state) {
        return """
                %s:
                {{ range .spec.%s }}
                - name: {{ .name | Quote }}
                  image: {{ .image | Quote }}
                  ready: %s
                  restartCount: %d
                %s{{ end }}
                """.formatted(specField.replaceFirst("s$", "Statuses"), specField, ready, restartCount, state.indent(2));
    }

    /** Deletes the Stages created so far. */
    @Override
    public void close() {
        for (HasMetadata s : created) {
            client.resource(s).delete();
        }
    }

    /** One Stage: more conditions on the pods it selects, then its status template. */
    public final class Stage {

        private final String name;
        private final StringBuilder selector = new StringBuilder();
        private String delay = "";

        private Stage(String name) {
            this.name = name;
            when(".metadata.labels[\"" + LABEL + "\"]", "In", value);
            when(".metadata.deletionTimestamp", "DoesNotExist");
        }

        /** Selects only pods where the jq-like {@code key} satisfies the operator (In, NotIn, Exists, DoesNotExist). */
        public Stage when(String key, String operator, String... values) {
            selector.append("- key: '")
                    .append(key)
                    .append("'\n  operator: ")
                    .append(operator)
                    .append('\n');
            if (values.length > 0) {
                selector.append("  values: ['")
                        .append(String.join("', '", values))
                        .append("']\n");
            }
            return this;
        }

        /** kwok applies the status template only after the pod has matched for this long. */
        public Stage after(Duration delay) {
            this.delay = "delay:\n  durationMilliseconds: " + delay.toMillis() + "\n";
            return this;
        }

        /** Creates the Stage: matching pods get {@code statusTemplate} (a kwok Go template) as their status. */
        public HasMetadata create(String statusTemplate) {
            String yaml = """
                    apiVersion: kwok.x-k8s.io/v1alpha1
                    kind: Stage
                    metadata:
                      name: %s
                    spec:
                      resourceRef:
                        apiGroup: v1
                        kind: Pod
                      selector:
                        matchExpressions:
                    %s%s  next:
                        statusTemplate: |
                    %s""".formatted(name, selector.toString().indent(4), delay.indent(2), statusTemplate.indent(6));
            HasMetadata stage = client.resource(yaml).create();
            created.add(stage);
            return stage;
        }
    }
}
