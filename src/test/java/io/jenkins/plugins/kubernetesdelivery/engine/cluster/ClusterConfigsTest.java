package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterConfigsTest {

    private static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    @Test
    void aValidConnectionHasNoProblems() {
        ClusterConnection c = new ClusterConnection(
                "prod", "https://k8s.example.com:6443", "shop", PEM, false, new ClusterCredentials.Token("t0ken"));
        assertThat(ClusterConfigs.validate(c)).isEmpty();
    }

    @Test
    void eachProblemNamesTheFieldAndTheRule() {
        ClusterConnection c = new ClusterConnection("Prod", "ftp://k8s", "Shop_1", "not a pem", false, null);
        assertThat(ClusterConfigs.validate(c))
                .containsExactly(
                        "name 'Prod' must consist of lower case letters, digits and '-', and start and end with a letter or"
                                + " digit (RFC 1123 label)",
                        "server URL 'ftp://k8s' must start with https://",
                        "namespace 'Shop_1' must consist of lower case letters, digits and '-', and start and end with a"
                                + " letter or digit (RFC 1123 label)",
                        "CA certificate must be PEM-encoded (a '-----BEGIN CERTIFICATE-----' block)");
    }

    @Test
    void aTokenConnectionBecomesAConfigWithNothingFromTheEnvironment() {
        ClusterConnection c = new ClusterConnection(
                "prod", "https://k8s.example.com:6443", "shop", PEM, false, new ClusterCredentials.Token(" t0ken\n"));
        Config config = ClusterConfigs.toConfig(c);
        assertThat(config.getMasterUrl()).startsWith("https://k8s.example.com:6443");
        assertThat(config.getNamespace()).isEqualTo("shop");
        assertThat(config.getOauthToken()).isEqualTo("t0ken");
        assertThat(new String(Base64.getDecoder().decode(config.getCaCertData()), StandardCharsets.UTF_8))
                .isEqualTo(PEM.strip());
        assertThat(config.isTrustCerts()).isFalse();
        assertThat(config.getClientCertData()).isNull();
    }

    @Test
    void aClientCertificateConnectionCarriesCertificateAndKey() {
        ClusterConnection c = new ClusterConnection(
                "prod", "https://k8s:6443", null, null, true, new ClusterCredentials.ClientCertificate("CERT", "KEY"));
        Config config = ClusterConfigs.toConfig(c);
        assertThat(Base64.getDecoder().decode(config.getClientCertData()))
                .asString()
                .isEqualTo("CERT");
        assertThat(Base64.getDecoder().decode(config.getClientKeyData()))
                .asString()
                .isEqualTo("KEY");
        assertThat(config.isTrustCerts()).isTrue();
        assertThat(config.getOauthToken()).isNull();
    }

    @Test
    void aKubeconfigSuppliesServerAndNamespaceUnlessOverridden() {
        String kubeconfig = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: a
                  cluster: {server: 'https://a.example.com:6443'}
                - name: b
                  cluster: {server: 'https://b.example.com:6443'}
                users:
                - name: u
                  user: {token: from-kubeconfig}
                contexts:
                - name: ctx-a
                  context: {cluster: a, user: u, namespace: team-a}
                - name: ctx-b
                  context: {cluster: b, user: u, namespace: team-b}
                current-context: ctx-a
                """;
        Config current = ClusterConfigs.toConfig(
                new ClusterConnection("k", null, null, null, false, new ClusterCredentials.Kubeconfig(kubeconfig, "")));
        assertThat(current.getMasterUrl()).startsWith("https://a.example.com:6443");
        assertThat(current.getNamespace()).isEqualTo("team-a");
        assertThat(current.getAutoOAuthToken())
                .as("the kubeconfig user's token")
                .isEqualTo("from-kubeconfig");

        Config other = ClusterConfigs.toConfig(new ClusterConnection(
                "k", null, "mine", null, false, new ClusterCredentials.Kubeconfig(kubeconfig, "ctx-b")));
        assertThat(other.getMasterUrl()).startsWith("https://b.example.com:6443");
        assertThat(other.getNamespace()).isEqualTo("mine");
    }

    /** D-3: fabric8 must not fill a kubeconfig connection from the controller's system properties (or KUBERNETES_*). */
    @Test
    void aKubeconfigConnectionTakesNothingFromSystemProperties() {
        String kubeconfig = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: a
                  cluster: {server: 'https://a.example.com:6443'}
                users:
                - name: u
                  user: {username: alice, password: from-kubeconfig}
                contexts:
                - name: ctx-a
                  context: {cluster: a, user: u, namespace: team-a}
                current-context: ctx-a
                """;
        Map<String, String> hostile = Map.of(
                Config.KUBERNETES_TRUST_CERT_SYSTEM_PROPERTY, "true",
                Config.KUBERNETES_DISABLE_HOSTNAME_VERIFICATION_SYSTEM_PROPERTY, "true",
                Config.KUBERNETES_MASTER_SYSTEM_PROPERTY, "https://elsewhere.example.com:6443",
                Config.KUBERNETES_NAMESPACE_SYSTEM_PROPERTY, "elsewhere",
                Config.KUBERNETES_OAUTH_TOKEN_SYSTEM_PROPERTY, "controller-token",
                Config.KUBERNETES_IMPERSONATE_USERNAME, "system:admin",
                Config.KUBERNETES_HTTPS_PROXY, "http://proxy.example.com:3128");
        Map<String, String> saved = new HashMap<>();
        hostile.keySet().forEach(k -> saved.put(k, System.getProperty(k)));
        try {
            hostile.forEach(System::setProperty);
            for (ClusterConnection c : List.of(
                    new ClusterConnection(
                            "k", null, null, null, false, new ClusterCredentials.Kubeconfig(kubeconfig, null)),
                    new ClusterConnection(
                            "t",
                            "https://a.example.com:6443",
                            "team-a",
                            null,
                            false,
                            new ClusterCredentials.Token("mine")))) {
                Config config = ClusterConfigs.toConfig(c);
                assertThat(config.isTrustCerts())
                        .as(c.name() + ": trust certificates")
                        .isFalse();
                assertThat(config.isDisableHostnameVerification())
                        .as(c.name() + ": hostname check")
                        .isFalse();
                assertThat(config.getMasterUrl()).as(c.name()).startsWith("https://a.example.com:6443");
                assertThat(config.getNamespace()).as(c.name()).isEqualTo("team-a");
                assertThat(config.getOauthToken()).as(c.name()).isNotEqualTo("controller-token");
                assertThat(config.getImpersonateUsername()).as(c.name()).isNull();
                assertThat(config.getHttpsProxy()).as(c.name()).isNull();
            }
        } finally {
            saved.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
    }

    /** D-21: a password in a server URL is refused, and neither it nor the user name appears in any message. */
    @Test
    void aServerUrlWithUserInfoIsRefusedWithoutEchoingIt() {
        for (String url : List.of(
                "https://alice:s3cret@k8s.example.com:6443",
                "ftp://alice:s3cret@k8s",
                "https://alice:s3 cret@k8s.example.com",
                "alice:s3cret@k8s.example.com",
                "https://alice@k8s.example.com")) {
            ClusterConnection c =
                    new ClusterConnection("prod", url, null, null, false, new ClusterCredentials.Token("t0ken"));
            assertThat(ClusterConfigs.validate(c))
                    .as(url)
                    .singleElement()
                    .asString()
                    .doesNotContain("alice")
                    .doesNotContain("s3");
            assertThatThrownBy(() -> ClusterConfigs.toConfig(c))
                    .as(url)
                    .isInstanceOfSatisfying(
                            DeliveryException.class,
                            e -> assertThat(e.getMessage())
                                    .doesNotContain("alice")
                                    .doesNotContain("s3"));
            assertThat(c.describeServer()).as(url).doesNotContain("alice").doesNotContain("s3");
        }
        assertThat(ClusterConfigs.validate(
                        new ClusterConnection("prod", "https://alice:s3cret@k8s.example.com", null, null, false, null)))
                .singleElement()
                .asString()
                .contains("user name or password");
    }

    /** D-21: names, URLs and kubeconfig names in problems are one bounded line. */
    @Test
    void userTextInProblemsIsOneBoundedLine() {
        String bad = "x\n[INFO] forged line\u001b[2K\r" + "y".repeat(5000);
        ClusterConnection c = new ClusterConnection(bad, "ftp://" + bad, bad, null, false, null);
        assertThat(ClusterConfigs.validate(c))
                .hasSize(3)
                .allSatisfy(p -> assertThat(p)
                        .doesNotContain("\n")
                        .doesNotContain("\r")
                        .doesNotContain("\u001b")
                        .hasSizeLessThan(400));
        ClusterConnection k =
                new ClusterConnection("k", null, null, null, false, new ClusterCredentials.Kubeconfig("""
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: 'https://k8s.example.com'}}]
                users: [{name: u, user: {token: abc}}]
                contexts: [{name: "ctx\\n[INFO] forged", context: {cluster: c, user: u}}]
                """, bad));
        assertThat(ClusterConfigs.validate(k))
                .singleElement()
                .asString()
                .doesNotContain("\n")
                .doesNotContain("\u001b")
                .hasSizeLessThan(400);
        assertThatThrownBy(() -> ClusterConfigs.toConfig(k))
                .isInstanceOfSatisfying(
                        DeliveryException.class,
                        e -> assertThat(e.getMessage())
                                .hasSizeLessThan(800)
                                .doesNotContain("\u001b")
                                .doesNotContain("\r"));
        assertThat(new ClusterConnection("c", "https://k8s.example.com/" + "p".repeat(5000), null, null, false, null)
                        .describeServer())
                .hasSizeLessThan(300);
    }

    @Test
    void credentialsNeverShowTheirSecretInToString() {
        assertThat(new ClusterCredentials.Token("s3cret")).asString().doesNotContain("s3cret");
        assertThat(new ClusterCredentials.ClientCertificate("CERT", "s3cret"))
                .asString()
                .doesNotContain("s3cret");
        assertThat(new ClusterCredentials.Kubeconfig("token: s3cret", "ctx"))
                .asString()
                .doesNotContain("s3cret");
        assertThat(new ClusterConnection("c", "https://x", null, null, false, new ClusterCredentials.Token("s3cret")))
                .asString()
                .doesNotContain("s3cret");
    }
}
