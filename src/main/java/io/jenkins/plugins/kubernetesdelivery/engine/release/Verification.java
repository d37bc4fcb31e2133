package io.jenkins.plugins.kubernetesdelivery.engine.release;

import java.util.List;
import java.util.Map;

/**
 * A check that must pass before traffic moves to a new release: a Job running one pod of {@code image} with
 * {@code command}, which must exit 0. It runs while the preview Service {@code <service>-preview} selects the
 * new release, so the command can reach it by that name.
 *
 * @param image the check pod's image
 * @param command the command (argv, never through a shell)
 * @param podLabels extra labels for the check pod (for example to let a test simulate its outcome)
 */
public record Verification(String image, List<String> command, Map<String, String> podLabels) {
    public Verification {
        command = command == null ? List.of() : List.copyOf(command);
        podLabels = podLabels == null ? Map.of() : Map.copyOf(podLabels);
    }

    public Verification(String image, List<String> command) {
        this(image, command, Map.of());
    }
}
