package io.jenkins.plugins.kubernetesdelivery;

import hudson.AbortException;
import java.util.List;

/** {@link Targets#resolve} over configuration lists, for step tests outside this package (no Jenkins needed). */
public final class TargetsForTests {

    private TargetsForTests() {}

    public static Target resolve(
            List<KubernetesCluster> clusters,
            List<Environment> environments,
            String environment,
            String cluster,
            String namespace,
            String jobFullName)
            throws AbortException {
        return Targets.resolve(clusters, environments, environment, cluster, namespace, jobFullName);
    }
}
