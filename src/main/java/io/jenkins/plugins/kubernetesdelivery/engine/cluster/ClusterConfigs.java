package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Turns a {@link ClusterConnection} into a fabric8 {@link Config}, and checks one before it is used. */
public final class ClusterConfigs {

    private static final String CERTIFICATE_BEGIN = "-----BEGIN CERTIFICATE-----";

    private ClusterConfigs() {}

    /**
     * Problems with a connection that can be found without contacting the cluster, each naming the field and the
     * rule; empty when there are none.
     */
    public static List<String> validate(ClusterConnection c) {
        List<String> problems = new ArrayList<>();
        KubernetesNames.checkDns1123Label(c.name()).ifPresent(p -> problems.add("name '" + quote(c.name()) + "' " + p));
        if (c.serverUrl() != null) {
            ServerUrls.check(c.serverUrl()).ifPresent(problems::add);
        }
        if (c.namespace() != null) {
            KubernetesNames.checkDns1123Label(c.namespace())
                    .ifPresent(p -> problems.add("namespace '" + quote(c.namespace()) + "' " + p));
        }
        if (c.caCertificatePem() != null && !c.caCertificatePem().contains(CERTIFICATE_BEGIN)) {
            problems.add("CA certificate must be PEM-encoded (a '" + CERTIFICATE_BEGIN + "' block)");
        }
        if (c.credentials() instanceof ClusterCredentials.Kubeconfig k) {
            problems.addAll(KubeconfigPolicy.check(k.content(), k.context(), c.skipTlsVerify()));
        }
        return problems;
    }

    /**
     * Builds the client configuration. Nothing is read from the environment of the process (no
     * {@code ~/.kube/config}, no {@code kubernetes.*} system properties, no {@code KUBERNETES_*} variables) except for
     * in-cluster access, which reads the pod's service account files and its API server address only.
     *
     * @throws DeliveryException when the server URL is not one (or holds a user name or password), a kubeconfig
     *     breaks the {@link KubeconfigPolicy} (invalid, with every problem) or cannot be read, or in-cluster access is
     *     asked for outside a pod
     */
    public static Config toConfig(ClusterConnection c) {
        if (c.serverUrl() != null) {
            ServerUrls.check(c.serverUrl()).ifPresent(p -> {
                throw DeliveryException.invalid("the connection to cluster '" + quote(c.name()) + "'", List.of(p));
            });
        }
        ConfigBuilder b;
        if (c.credentials() instanceof ClusterCredentials.Kubeconfig k) {
            List<String> problems = KubeconfigPolicy.check(k.content(), k.context(), c.skipTlsVerify());
            if (!problems.isEmpty()) {
                throw DeliveryException.invalid("the kubeconfig of cluster '" + quote(c.name()) + "'", problems);
            }
            b = new ConfigBuilder(fromKubeconfig(k));
        } else if (c.inCluster()) {
            b = InClusterConfig.builder();
        } else {
            b = new ConfigBuilder(Config.empty());
        }
        if (c.serverUrl() != null) {
            b.withMasterUrl(c.serverUrl());
        }
        if (c.namespace() != null) {
            b.withNamespace(c.namespace());
        }
        if (c.caCertificatePem() != null) {
            b.withCaCertData(base64(c.caCertificatePem())).withCaCertFile(null);
        }
        if (c.skipTlsVerify()) {
            b.withTrustCerts(true).withDisableHostnameVerification(true);
        }
        if (c.credentials() instanceof ClusterCredentials.Token t) {
            b.withOauthToken(t.token()).withOauthTokenProvider(null);
        } else if (c.credentials() instanceof ClusterCredentials.ClientCertificate cc) {
            b.withOauthTokenProvider(null)
                    .withClientCertData(base64(cc.certificatePem()))
                    .withClientKeyData(base64(cc.privateKeyPem()))
                    .withClientCertFile(null)
                    .withClientKeyFile(null);
        }
        // a few quick retries for transient failures; an unreachable or untrusted server fails within seconds,
        // and long operations retry on their own terms
        return b.withConnectionTimeout(10_000)
                .withRequestTimeout(30_000)
                .withRequestRetryBackoffLimit(3)
                .withRequestRetryBackoffInterval(200)
                .build();
    }

    /**
     * The kubeconfig's context merged into an empty configuration. Not {@code Config.fromKubeconfig}: that one
     * auto-configures afterwards, letting the controller's {@code kubernetes.*} system properties and
     * {@code KUBERNETES_*} variables override the kubeconfig (trust any certificate, another server, token or
     * namespace, a proxy).
     */
    private static Config fromKubeconfig(ClusterCredentials.Kubeconfig k) {
        try {
            Config config = Config.empty();
            KubeConfigUtils.merge(config, k.context(), KubeConfigUtils.parseConfigFromString(k.content()));
            return config;
        } catch (RuntimeException e) {
            // never pass the parser's message on: it can quote the kubeconfig
            throw new DeliveryException("the kubeconfig cannot be used"
                    + (k.context() == null ? "" : " with context '" + quote(k.context()) + "'")
                    + ": check that it names a current context (or the one given), its cluster and its user");
        }
    }

    private static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
    }

    /** User text as a message quotes it: one line of at most 200 characters. */
    private static String quote(String s) {
        return Strings.printable(s, 200);
    }
}
