package io.jenkins.plugins.kubernetesdelivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole configuration is checked before any part is saved; the first part with a problem names the field. */
class ConfigurationPartsTest {

    @Test
    void aConsistentConfigurationHasNoProblems() {
        ConfigurationParts parts = new ConfigurationParts(
                List.of(new KubernetesCluster("prod")),
                List.of(new Environment("production", "prod")),
                new BuilderDefaults());

        assertThat(parts.problems(true).isEmpty()).isTrue();
    }

    @Test
    void anEnvironmentNamingAMissingClusterIsRefused() {
        ConfigurationParts parts = new ConfigurationParts(
                List.of(new KubernetesCluster("prod")),
                List.of(new Environment("production", "staging-cluster")),
                null);

        ConfigurationParts.Problems problems = parts.problems(true);

        assertThat(problems.field()).isEqualTo("environments");
        assertThat(problems.message())
                .isEqualTo(Messages.EnvironmentChecks_Invalid(
                        "production", Messages.EnvironmentChecks_UnknownCluster("staging-cluster", "'prod'")));
        // checked part by part (while Configuration as Code sets them one at a time), the reference is left out
        assertThat(parts.problems(false).isEmpty()).isTrue();
    }

    @Test
    void clusterProblemsComeFirstThenEnvironmentsThenBuilderDefaults() {
        BuilderDefaults badDefaults = new BuilderDefaults();
        badDefaults.setNamespace("Builds");
        List<Environment> badEnvironments = List.of(new Environment("a", "prod"), new Environment("a", "prod"));

        ConfigurationParts.Problems clusters = new ConfigurationParts(
                        List.of(new KubernetesCluster("prod"), new KubernetesCluster("prod")),
                        badEnvironments,
                        badDefaults)
                .problems(true);
        ConfigurationParts.Problems environments = new ConfigurationParts(
                        List.of(new KubernetesCluster("prod")), badEnvironments, badDefaults)
                .problems(true);
        ConfigurationParts.Problems defaults =
                new ConfigurationParts(List.of(new KubernetesCluster("prod")), List.of(), badDefaults).problems(true);

        assertThat(clusters.field()).isEqualTo("clusters");
        assertThat(clusters.messages()).containsExactly(Messages.ClusterChecks_Duplicate("prod"));
        assertThat(environments.field()).isEqualTo("environments");
        assertThat(environments.messages()).containsExactly(Messages.EnvironmentChecks_Duplicate("a"));
        assertThat(defaults.field()).isEqualTo("builderDefaults");
        assertThat(defaults.message()).startsWith("Builder defaults: Namespace 'Builds'");
    }

    @Test
    void missingPartsAreEmpty() {
        ConfigurationParts parts = new ConfigurationParts(null, null, null);

        assertThat(parts.clusters()).isEmpty();
        assertThat(parts.environments()).isEmpty();
        assertThat(parts.builderDefaults()).isNotNull();
        assertThat(parts.problems(true).isEmpty()).isTrue();
    }
}
