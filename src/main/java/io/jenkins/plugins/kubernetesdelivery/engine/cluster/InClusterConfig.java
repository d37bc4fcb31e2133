package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.function.UnaryOperator;

/**
 * In-cluster access from the service account files of the pod Jenkins runs in, and nothing else: no kubeconfig of
 * the controller's user, no {@code KUBERNETES_*} system properties. The token is read again for each request, so
 * rotated (bound) service account tokens keep working.
 */
@SuppressFBWarnings(
        value = "DMI_HARDCODED_ABSOLUTE_FILENAME",
        justification = "SERVICE_ACCOUNT is the fixed path where Kubernetes mounts a pod's service account")
final class InClusterConfig {

    static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

    private InClusterConfig() {}

    static ConfigBuilder builder() {
        return builder(System::getenv, SERVICE_ACCOUNT);
    }

    static ConfigBuilder builder(UnaryOperator<String> env, Path serviceAccount) {
        String host = env.apply("KUBERNETES_SERVICE_HOST");
        String port = env.apply("KUBERNETES_SERVICE_PORT");
        Path token = serviceAccount.resolve("token");
        if (host == null || host.isBlank() || !Files.isRegularFile(token)) {
            throw new DeliveryException("in-cluster access needs Jenkins to run in a Kubernetes pod with a"
                    + " service account (KUBERNETES_SERVICE_HOST and " + token + "); set the API server URL and"
                    + " credentials instead");
        }
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        ConfigBuilder b = new ConfigBuilder(Config.empty())
                .withMasterUrl("https://" + hostPart + ":" + (port == null || port.isBlank() ? "443" : port))
                .withOauthTokenProvider(() -> read(token).strip());
        Path ca = serviceAccount.resolve("ca.crt");
        if (Files.isRegularFile(ca)) {
            b.withCaCertData(Base64.getEncoder().encodeToString(read(ca).getBytes(StandardCharsets.UTF_8)));
        }
        Path namespace = serviceAccount.resolve("namespace");
        if (Files.isRegularFile(namespace)) {
            b.withNamespace(read(namespace).strip());
        }
        return b;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }
}
