package io.jenkins.plugins.kubernetesdelivery;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Run;
import hudson.security.ACL;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ClusterConnection;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ClusterCredentials;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import jenkins.model.Jenkins;

/**
 * Turns a configured {@link KubernetesCluster} into an engine {@link ClusterConnection}, credentials resolved.
 *
 * <p>A cluster's credentials are always looked up the same way, by the form, by "Test connection" and for builds:
 * in the global credentials of Jenkins, as SYSTEM (so System-scoped credentials work, and stay out of reach of
 * {@code withCredentials}), restricted to the domains that match the server URL. Never in a build's context: a
 * build parameter or a folder credential with the same ID must not redirect a cluster to other credentials. Which
 * builds may use a cluster is decided by the environments' job patterns and the cluster's direct-use setting.
 */
public final class ClusterConnections {

    private ClusterConnections() {}

    /** For administrative use (the form, "Test connection"): credentials resolved, not recorded anywhere. */
    public static ClusterConnection resolve(KubernetesCluster cluster) throws AbortException {
        return resolve(cluster, ClusterConnections::lookupGlobal, c -> {});
    }

    /** For a build: credentials resolved as for the form, and their use recorded on the build. */
    public static ClusterConnection resolve(KubernetesCluster cluster, Run<?, ?> run) throws AbortException {
        return resolve(cluster, ClusterConnections::lookupGlobal, c -> CredentialsProvider.track(run, c));
    }

    /**
     * For a build's step: as {@link #resolve(KubernetesCluster, Run)}, with the target's namespace as the
     * connection's default namespace.
     */
    public static ClusterConnection resolve(Target target, Run<?, ?> run) throws AbortException {
        return inNamespace(resolve(target.cluster(), run), target.namespace());
    }

    /** {@code c} with {@code namespace} as its default namespace ({@code null}: the credentials' default). */
    static ClusterConnection inNamespace(ClusterConnection c, @CheckForNull String namespace) {
        return new ClusterConnection(
                c.name(), c.serverUrl(), namespace, c.caCertificatePem(), c.skipTlsVerify(), c.credentials());
    }

    /**
     * The connection of {@code cluster} with its credentials found by {@code lookup} (cluster → credentials, or
     * {@code null} when there are none), each found credential handed to {@code used}.
     */
    static ClusterConnection resolve(
            KubernetesCluster cluster,
            Function<KubernetesCluster, StandardCredentials> lookup,
            Consumer<StandardCredentials> used)
            throws AbortException {
        StandardCredentials found = null;
        if (cluster.getCredentialsId() != null) {
            found = lookup.apply(cluster);
            if (found != null) {
                used.accept(found);
            }
        }
        return connection(cluster, found);
    }

    /** The cluster's credentials from the global store, looked up as SYSTEM; {@code null} when there are none. */
    @CheckForNull
    static StandardCredentials lookupGlobal(KubernetesCluster cluster) {
        String id = cluster.getCredentialsId();
        return id == null ? null : lookupGlobal(id, cluster.getServerUrl());
    }

    /** Global credentials of that ID usable for {@code serverUrl}, looked up as SYSTEM; {@code null} when none. */
    @CheckForNull
    static StandardCredentials lookupGlobal(String id, @CheckForNull String serverUrl) {
        return CredentialsProvider.findCredentialByIdInItemGroup(
                id, StandardCredentials.class, Jenkins.get(), ACL.SYSTEM2, domains(serverUrl));
    }

    /** The credentials domains a cluster's credentials must match: those of its server URL, if it has one. */
    static List<DomainRequirement> domains(@CheckForNull String serverUrl) {
        String url = KubernetesCluster.trimToNull(serverUrl);
        return url == null ? List.of() : URIRequirementBuilder.fromUri(url).build();
    }

    /** The connection for a cluster whose credentials were looked up already ({@code null}: none found). */
    static ClusterConnection connection(KubernetesCluster cluster, @CheckForNull StandardCredentials credentials)
            throws AbortException {
        String id = cluster.getCredentialsId();
        ClusterCredentials resolved;
        if (id == null) {
            resolved = new ClusterCredentials.None();
        } else if (credentials == null) {
            throw new AbortException(Messages.Credentials_NotFound(id, cluster.getName()));
        } else {
            resolved = CredentialsTranslator.translate(credentials);
        }
        return new ClusterConnection(
                cluster.getName(),
                cluster.getServerUrl(),
                cluster.getNamespace(),
                cluster.getCaCertificate(),
                cluster.isSkipTlsVerify(),
                resolved);
    }
}
