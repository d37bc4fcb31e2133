package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

import java.util.Objects;

/**
 * Everything needed to reach one cluster, with credentials already resolved.
 *
 * @param name the configured name, used in messages and as the client cache key
 * @param serverUrl the API server URL; {@code null} for in-cluster access (or the kubeconfig's server)
 * @param namespace the default namespace; {@code null} for the credentials' or in-cluster default
 * @param caCertificatePem the PEM certificate authority to trust; {@code null} for the system or kubeconfig one
 * @param skipTlsVerify whether to trust any server certificate (for throwaway clusters only)
 * @param credentials the resolved credentials
 */
public record ClusterConnection(
        String name,
        String serverUrl,
        String namespace,
        String caCertificatePem,
        boolean skipTlsVerify,
        ClusterCredentials credentials) {

    public ClusterConnection {
        Objects.requireNonNull(name, "name");
        serverUrl = Strings.blankToNull(serverUrl);
        namespace = Strings.blankToNull(namespace);
        caCertificatePem = Strings.blankToNull(caCertificatePem);
        credentials = credentials == null ? new ClusterCredentials.None() : credentials;
    }

    /** Whether this connection uses the service account of the pod Jenkins runs in. */
    public boolean inCluster() {
        return serverUrl == null && !(credentials instanceof ClusterCredentials.Kubeconfig);
    }

    /**
     * Where this connection points, for messages: the server URL (without any user name or password, on one bounded
     * line), or how it is found.
     */
    public String describeServer() {
        if (serverUrl != null) {
            return ServerUrls.forMessage(serverUrl);
        }
        return credentials instanceof ClusterCredentials.Kubeconfig ? "the kubeconfig's server" : "in-cluster";
    }
}
