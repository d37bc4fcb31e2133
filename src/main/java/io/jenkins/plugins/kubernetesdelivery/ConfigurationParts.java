package io.jenkins.plugins.kubernetesdelivery;

import java.util.List;

/**
 * The parts of the global configuration, checked together before any of them is saved.
 *
 * @param clusters the clusters
 * @param environments the environments
 * @param builderDefaults the builder defaults
 */
record ConfigurationParts(
        List<KubernetesCluster> clusters, List<Environment> environments, BuilderDefaults builderDefaults) {

    ConfigurationParts {
        clusters = clusters == null ? List.of() : List.copyOf(clusters);
        environments = environments == null ? List.of() : List.copyOf(environments);
        builderDefaults = builderDefaults == null ? new BuilderDefaults() : builderDefaults;
    }

    /**
     * Everything that refuses these parts, and the form field of the first part with a problem. With
     * {@code checkReferences} false, each part is checked on its own (whether environments name configured
     * clusters is left out).
     */
    Problems problems(boolean checkReferences) {
        List<String> clusterProblems = ClusterChecks.problems(clusters);
        if (!clusterProblems.isEmpty()) {
            return new Problems(clusterProblems, "clusters");
        }
        List<String> environmentProblems = EnvironmentChecks.problems(environments, checkReferences ? clusters : null);
        if (!environmentProblems.isEmpty()) {
            return new Problems(environmentProblems, "environments");
        }
        return new Problems(BuilderChecks.problems(builderDefaults), "builderDefaults");
    }

    /**
     * @param messages what is wrong, one sentence each; empty when nothing is
     * @param field the form field the messages are about
     */
    record Problems(List<String> messages, String field) {

        boolean isEmpty() {
            return messages.isEmpty();
        }

        String message() {
            return String.join(" ", messages);
        }
    }
}
