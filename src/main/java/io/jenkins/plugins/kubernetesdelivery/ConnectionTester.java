package io.jenkins.plugins.kubernetesdelivery;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.util.FormValidation;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ApiErrors;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ClusterConfigs;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ClusterConnection;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.Strings;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * The "Test connection" answer: asks the API server for its version with a throwaway client (the shared ones are for
 * saved clusters), and turns a failure into what failed and what to do.
 */
final class ConnectionTester {

    private ConnectionTester() {}

    static FormValidation test(ClusterConnection connection, @CheckForNull String credentialsId) {
        List<String> problems = ClusterConfigs.validate(connection);
        if (!problems.isEmpty()) {
            return FormValidation.error(Messages.ConnectionTester_Invalid(String.join("; ", problems)));
        }
        String server = connection.describeServer();
        Config config;
        try {
            // one attempt: a person is waiting for the answer
            config = new ConfigBuilder(ClusterConfigs.toConfig(connection))
                    .withRequestRetryBackoffLimit(0)
                    .build();
        } catch (DeliveryException e) {
            // a kubeconfig refused by policy or unreadable, or in-cluster access outside a pod; never quotes secrets
            return FormValidation.error(Messages.ConnectionTester_Invalid(
                    e.problems().isEmpty() ? e.reason() : String.join("; ", e.problems())));
        }
        try (KubernetesClient client =
                new KubernetesClientBuilder().withConfig(config).build()) {
            return FormValidation.ok(Messages.ConnectionTester_Connected(
                    client.getKubernetesVersion().getGitVersion()));
        } catch (KubernetesClientException e) {
            return FormValidation.error(describe(server, credentialsId, e));
        }
    }

    static String describe(String server, @CheckForNull String credentialsId, KubernetesClientException e) {
        String credentials = credentialsId == null ? Messages.ConnectionTester_NoCredentials() : credentialsId;
        if (e.getCode() == 401) {
            return Messages.ConnectionTester_Unauthorized(server, credentials);
        }
        if (e.getCode() == 403) {
            return Messages.ConnectionTester_Forbidden(server, credentials);
        }
        if (e.getCode() > 0) {
            return Messages.ConnectionTester_HttpError(server, e.getCode(), quote(ApiErrors.reason(e)));
        }
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return Messages.ConnectionTester_Tls(server, quote(rootMessage(t)));
            }
            if (t instanceof ConnectException
                    || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException
                    || t instanceof InterruptedIOException) {
                return Messages.ConnectionTester_Unreachable(server, quote(rootMessage(t)));
            }
            root = t;
        }
        return Messages.ConnectionTester_Failed(server, quote(String.valueOf(root.getMessage())));
    }

    /** What the server or the network says, on one line of at most 300 characters. */
    private static String quote(String text) {
        return Strings.printable(text, 300);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() != null ? root.getMessage() : t.getMessage();
        return m != null ? m : t.getClass().getSimpleName();
    }
}
