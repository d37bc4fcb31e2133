package io.jenkins.plugins.kubernetesdelivery.steps.bake;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.kubernetesdelivery.Environment;
import io.jenkins.plugins.kubernetesdelivery.KubernetesCluster;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where builder pods may have been left behind: the builder namespace of every cluster a bake can reach. A bake
 * runs its pod in the builder defaults' namespace, else in its environment's namespace, else in its cluster's
 * default namespace (the rule of {@code BuilderDefaults.toPodSettings}); a namespace that only the credentials
 * know (none configured anywhere) is found by remembering where bakes of this controller ran. Pure.
 */
final class SweepTargets {

    /** A builder namespace in a configured cluster. */
    record Target(String cluster, String namespace) {
        @Override
        public String toString() {
            return cluster + "/" + namespace;
        }
    }

    private SweepTargets() {}

    /**
     * The namespaces to sweep, each once, in configuration order.
     *
     * @param builderNamespace the builder defaults' namespace, or {@code null} when builder pods run in the
     *     target's namespace
     * @param used where bakes of this controller ran; those in clusters no longer configured are left out
     */
    static List<Target> of(
            List<KubernetesCluster> clusters,
            List<Environment> environments,
            @CheckForNull String builderNamespace,
            Collection<Target> used) {
        Set<Target> targets = new LinkedHashSet<>();
        for (Environment e : environments) {
            KubernetesCluster c = find(clusters, e.getCluster());
            if (c != null) {
                add(
                        targets,
                        c,
                        builderNamespace != null
                                ? builderNamespace
                                : e.getNamespace() != null ? e.getNamespace() : c.getNamespace());
            }
        }
        for (KubernetesCluster c : clusters) {
            if (c.isAllowDirectUse()) {
                add(targets, c, builderNamespace != null ? builderNamespace : c.getNamespace());
            }
        }
        for (Target t : used) {
            if (find(clusters, t.cluster()) != null) {
                targets.add(t);
            }
        }
        return new ArrayList<>(targets);
    }

    private static void add(Set<Target> targets, KubernetesCluster cluster, @CheckForNull String namespace) {
        if (namespace != null) {
            targets.add(new Target(cluster.getName(), namespace));
        }
    }

    @CheckForNull
    private static KubernetesCluster find(List<KubernetesCluster> clusters, @CheckForNull String name) {
        return clusters.stream()
                .filter(c -> c.getName().equals(name))
                .findFirst()
                .orElse(null);
    }
}
