package io.jenkins.plugins.kubernetesdelivery;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.KubernetesNames;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides where a step may deliver, from the global configuration only: a named environment (if it accepts the
 * job), or a cluster an administrator opened to direct use plus a namespace. Every refusal names the rule and what
 * to change. Pure: no network, no Jenkins lookups beyond the configuration handed in.
 */
public final class Targets {

    private Targets() {}

    /**
     * The target of a step of the job {@code jobFullName} that names {@code environment}, or {@code cluster} and
     * optionally {@code namespace}. Blank arguments count as absent.
     *
     * @throws AbortException when the arguments or the configuration do not allow the target; the message says why
     *     and what to change
     */
    @NonNull
    public static Target resolve(
            @NonNull DeliveryConfiguration configuration,
            @CheckForNull String environment,
            @CheckForNull String cluster,
            @CheckForNull String namespace,
            @NonNull String jobFullName)
            throws AbortException {
        return resolve(
                configuration.getClusters(),
                configuration.getEnvironments(),
                environment,
                cluster,
                namespace,
                jobFullName);
    }

    /** {@link #resolve(DeliveryConfiguration, String, String, String, String)} over the given configuration lists. */
    @NonNull
    static Target resolve(
            List<KubernetesCluster> clusters,
            List<Environment> environments,
            @CheckForNull String environment,
            @CheckForNull String cluster,
            @CheckForNull String namespace,
            String jobFullName)
            throws AbortException {
        String env = KubernetesCluster.trimToNull(environment);
        String clusterName = KubernetesCluster.trimToNull(cluster);
        String ns = KubernetesCluster.trimToNull(namespace);
        if (env != null && clusterName != null) {
            throw new AbortException(Messages.Targets_Both(env, clusterName));
        }
        if (env != null) {
            if (ns != null) {
                throw new AbortException(Messages.Targets_NamespaceWithEnvironment(env, ns));
            }
            return throughEnvironment(clusters, environments, env, jobFullName);
        }
        if (clusterName == null) {
            throw new AbortException(Messages.Targets_Neither(usable(environments, jobFullName)));
        }
        return direct(clusters, environments, clusterName, ns, jobFullName);
    }

    private static Target throughEnvironment(
            List<KubernetesCluster> clusters, List<Environment> environments, String name, String jobFullName)
            throws AbortException {
        Environment e = environments.stream()
                .filter(x -> name.equals(x.getName()))
                .findFirst()
                .orElse(null);
        if (e == null) {
            throw new AbortException(Messages.Targets_UnknownEnvironment(
                    name, names(environments.stream().map(Environment::getName).toList())));
        }
        if (!e.allowsJob(jobFullName)) {
            throw new AbortException(
                    Messages.Targets_JobNotAllowed(name, jobFullName, String.join(", ", e.getJobPatterns())));
        }
        KubernetesCluster c = find(clusters, e.getCluster());
        if (c == null) {
            throw new AbortException(Messages.Targets_EnvironmentClusterMissing(name, e.getCluster()));
        }
        return new Target(c, e.getNamespace() != null ? e.getNamespace() : c.getNamespace(), e);
    }

    private static Target direct(
            List<KubernetesCluster> clusters,
            List<Environment> environments,
            String name,
            @CheckForNull String namespace,
            String jobFullName)
            throws AbortException {
        KubernetesCluster c = find(clusters, name);
        if (c == null) {
            throw new AbortException(Messages.Targets_UnknownCluster(
                    name,
                    names(clusters.stream()
                            .filter(KubernetesCluster::isAllowDirectUse)
                            .map(KubernetesCluster::getName)
                            .toList()),
                    usable(environments, jobFullName)));
        }
        if (!c.isAllowDirectUse()) {
            throw new AbortException(Messages.Targets_DirectUseRefused(name, usable(environments, jobFullName)));
        }
        if (namespace != null) {
            Optional<String> rule = KubernetesNames.checkDns1123Label(namespace);
            if (rule.isPresent()) {
                throw new AbortException(Messages.Targets_Namespace(namespace, rule.get()));
            }
        }
        return new Target(c, namespace != null ? namespace : c.getNamespace(), null);
    }

    @CheckForNull
    private static KubernetesCluster find(List<KubernetesCluster> clusters, String name) {
        return clusters.stream()
                .filter(c -> name.equals(c.getName()))
                .findFirst()
                .orElse(null);
    }

    /** The environments the job may use, for messages. */
    private static String usable(List<Environment> environments, String jobFullName) {
        return names(environments.stream()
                .filter(e -> e.allowsJob(jobFullName))
                .map(Environment::getName)
                .toList());
    }

    /** {@code 'a', 'b'}, or "none" for an empty list. */
    static String names(Collection<String> names) {
        if (names.isEmpty()) {
            return Messages.Targets_None();
        }
        return names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "));
    }
}
