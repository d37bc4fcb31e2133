package io.jenkins.plugins.kubernetesdelivery;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Run;
import hudson.security.ACL;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ClusterConnection;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ClusterCredentials;
import java.util.List;
import jenkins.model.Jenkins;

/** Turns a configured {@link KubernetesCluster} into an engine {@link ClusterConnection}, credentials resolved. */
public final class ClusterConnections {

    private ClusterConnections() {}

    /**
     * For administrative use (the "Test connection" button): the credentials are looked up in the global scope of
     * Jenkins as SYSTEM.
     */
    public static ClusterConnection resolve(KubernetesCluster cluster) throws AbortException {
        String id = cluster.getCredentialsId();
        return connection(cluster, id == null ? null : lookupGlobal(id));
    }

    /** Global credentials of that ID, looked up as SYSTEM; {@code null} when there are none. */
    @CheckForNull
    static StandardCredentials lookupGlobal(String id) {
        return CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItemGroup(
                        StandardCredentials.class, Jenkins.get(), ACL.SYSTEM2, List.of()),
                CredentialsMatchers.withId(id));
    }

    /**
     * For a build: the credentials are looked up in the build's context, with the permissions of the build, and
     * recorded as used by it.
     */
    public static ClusterConnection resolve(KubernetesCluster cluster, Run<?, ?> run) throws AbortException {
        String id = cluster.getCredentialsId();
        StandardCredentials c = null;
        if (id != null) {
            c = CredentialsProvider.findCredentialById(id, StandardCredentials.class, run);
            CredentialsProvider.track(run, c);
        }
        return connection(cluster, c);
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
        return new ClusterConnection(cluster.getName(), cluster.getServerUrl(), cluster.getNamespace(),
                cluster.getCaCertificate(), cluster.isSkipTlsVerify(), resolved);
    }
}
