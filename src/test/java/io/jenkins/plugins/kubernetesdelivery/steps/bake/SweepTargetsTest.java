package io.jenkins.plugins.kubernetesdelivery.steps.bake;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubernetesdelivery.Environment;
import io.jenkins.plugins.kubernetesdelivery.KubernetesCluster;
import io.jenkins.plugins.kubernetesdelivery.steps.bake.SweepTargets.Target;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which builder namespaces the periodic sweep visits. */
class SweepTargetsTest {

    static final List<KubernetesCluster> CLUSTERS = List.of(
            cluster("prod", "prod-default", false),
            cluster("build", null, false),
            cluster("lab", "lab-default", true),
            cluster("sandbox", null, true));

    static final List<Environment> ENVIRONMENTS = List.of(
            environment("staging", "prod", "shop-staging"),
            environment("production", "prod", "shop"),
            environment("plain", "prod", null),
            environment("images", "build", "image-builds"),
            environment("unnamed", "build", null),
            environment("gone", "removed-cluster", "x"));

    static KubernetesCluster cluster(String name, String namespace, boolean direct) {
        KubernetesCluster c = new KubernetesCluster(name);
        c.setNamespace(namespace);
        c.setAllowDirectUse(direct);
        return c;
    }

    static Environment environment(String name, String cluster, String namespace) {
        Environment e = new Environment(name, cluster);
        e.setNamespace(namespace);
        return e;
    }

    @Test
    void withoutABuilderNamespaceEachEnvironmentsNamespaceAndEachDirectClustersDefault() {
        assertThat(SweepTargets.of(CLUSTERS, ENVIRONMENTS, null, List.of()))
                .containsExactly(
                        new Target("prod", "shop-staging"),
                        new Target("prod", "shop"),
                        new Target("prod", "prod-default"),
                        new Target("build", "image-builds"),
                        new Target("lab", "lab-default"));
    }

    @Test
    void aBuilderNamespaceIsSweptInEveryClusterABakeCanReach() {
        assertThat(SweepTargets.of(CLUSTERS, ENVIRONMENTS, "image-builds", List.of()))
                .containsExactly(
                        new Target("prod", "image-builds"),
                        new Target("build", "image-builds"),
                        new Target("lab", "image-builds"),
                        new Target("sandbox", "image-builds"));
    }

    @Test
    void namespacesWhereBakesRanAreAddedOnceAndOnlyForConfiguredClusters() {
        List<Target> used = List.of(
                new Target("sandbox", "default"), new Target("prod", "shop"), new Target("removed-cluster", "builds"));

        assertThat(SweepTargets.of(CLUSTERS, ENVIRONMENTS, null, used))
                .containsExactly(
                        new Target("prod", "shop-staging"),
                        new Target("prod", "shop"),
                        new Target("prod", "prod-default"),
                        new Target("build", "image-builds"),
                        new Target("lab", "lab-default"),
                        new Target("sandbox", "default"));
    }

    @Test
    void nothingConfiguredNothingSwept() {
        assertThat(SweepTargets.of(List.of(), List.of(), "image-builds", List.of(new Target("x", "y"))))
                .isEmpty();
    }
}
