package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A kubeconfig credential must not make the controller run programs or read its own files. */
class KubeconfigPolicyTest {

    private static String kubeconfig(String user, String cluster) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: c
                  cluster:
                    server: https://k8s.example.com:6443
                %s
                users:
                - name: u
                  user:
                %s
                contexts:
                - name: ctx
                  context: {cluster: c, user: u}
                current-context: ctx
                """.formatted(cluster.indent(4).stripTrailing(), user.indent(4).stripTrailing());
    }

    @Test
    void inlineDataIsAccepted() {
        assertThat(KubeconfigPolicy.check(kubeconfig("token: abc", "certificate-authority-data: Zm9v"), null))
                .isEmpty();
        assertThat(KubeconfigPolicy.check(
                        kubeconfig(
                                "client-certificate-data: Zm9v\nclient-key-data: YmFy",
                                "insecure-skip-tls-verify: false"),
                        null))
                .isEmpty();
    }

    @Test
    void execAuthProviderAndFilesAreRefusedNamingTheEntry() {
        String exec = kubeconfig("""
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: /bin/sh
                  args: ["-c", "id"]""", "");
        assertThat(KubeconfigPolicy.check(exec, null))
                .singleElement()
                .asString()
                .contains("user 'u'")
                .contains("runs a program (exec)");
        assertThat(KubeconfigPolicy.check(kubeconfig("auth-provider:\n  name: oidc", ""), null))
                .singleElement()
                .asString()
                .contains("auth-provider");
        assertThat(KubeconfigPolicy.check(kubeconfig("tokenFile: /var/lib/jenkins/secret.key", ""), null))
                .singleElement()
                .asString()
                .contains("tokenFile");
        assertThat(KubeconfigPolicy.check(
                        kubeconfig("client-certificate: /etc/c.crt\nclient-key: /etc/c.key", ""), null))
                .singleElement()
                .asString()
                .contains("client-certificate-data");
        assertThat(KubeconfigPolicy.check(kubeconfig("token: abc", "certificate-authority: /etc/ssl/ca.pem"), null))
                .singleElement()
                .asString()
                .contains("cluster 'c'")
                .contains("certificate-authority file");
    }

    @Test
    void anUnreadableKubeconfigIsReportedWithoutQuotingIt() {
        assertThat(KubeconfigPolicy.check("users: [ {name: u, user: {token: hunter2-TOPSECRET", null))
                .singleElement()
                .asString()
                .contains("cannot be read")
                .doesNotContain("hunter2");
    }

    @Test
    void anExecKubeconfigNeverRunsItsProgram(@TempDir Path tmp) {
        Path marker = tmp.resolve("ran");
        String exec = kubeconfig("""
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: /bin/sh
                  args: ["-c", "touch %s"]""".formatted(marker), "");
        ClusterConnection c =
                new ClusterConnection("k", null, null, null, false, new ClusterCredentials.Kubeconfig(exec, null));
        assertThat(ClusterConfigs.validate(c)).anySatisfy(p -> assertThat(p).contains("runs a program"));
        assertThatThrownBy(() -> ClusterConfigs.toConfig(c))
                .isInstanceOfSatisfying(
                        DeliveryException.class, e -> assertThat(e.problems()).isEqualTo(ClusterConfigs.validate(c)))
                .hasMessageStartingWith("the kubeconfig of cluster 'k' is invalid");
        assertThatThrownBy(() -> ClusterClients.open(c)).isInstanceOf(DeliveryException.class);
        assertThat(Files.exists(marker)).isFalse();
    }

    @Test
    void anUnknownOrMissingContextIsNamedWithTheOnesThereAre() {
        ClusterConnection c = new ClusterConnection(
                "k",
                null,
                null,
                null,
                false,
                new ClusterCredentials.Kubeconfig(kubeconfig("token: hunter2-TOPSECRET", ""), "nope"));
        assertThat(ClusterConfigs.validate(c)).containsExactly("the kubeconfig has no context 'nope' (it has: ctx)");
        assertThatThrownBy(() -> ClusterConfigs.toConfig(c))
                .isInstanceOf(DeliveryException.class)
                .hasMessageNotContaining("hunter2");
        String noCurrent = kubeconfig("token: abc", "").replace("current-context: ctx", "");
        assertThat(KubeconfigPolicy.check(noCurrent, null))
                .singleElement()
                .asString()
                .contains("no current-context")
                .contains("ctx");
        assertThat(KubeconfigPolicy.check(noCurrent, "ctx")).isEmpty();
    }

    /** D-3: a kubeconfig turns TLS checks off only when the cluster's own setting says so, as for other credentials. */
    @Test
    void insecureSkipTlsVerifyNeedsTheClusterSetting() {
        String insecure = kubeconfig("token: abc", "insecure-skip-tls-verify: true");
        assertThat(KubeconfigPolicy.check(insecure, null))
                .singleElement()
                .asString()
                .contains("kubeconfig cluster 'c'")
                .contains("insecure-skip-tls-verify")
                .contains("Skip TLS verification");
        assertThat(KubeconfigPolicy.check(insecure, null, true)).isEmpty();

        ClusterConnection refused =
                new ClusterConnection("k", null, null, null, false, new ClusterCredentials.Kubeconfig(insecure, null));
        assertThat(ClusterConfigs.validate(refused)).singleElement().asString().contains("insecure-skip-tls-verify");
        assertThatThrownBy(() -> ClusterConfigs.toConfig(refused)).isInstanceOf(DeliveryException.class);

        ClusterConnection allowed =
                new ClusterConnection("k", null, null, null, true, new ClusterCredentials.Kubeconfig(insecure, null));
        assertThat(ClusterConfigs.validate(allowed)).isEmpty();
        assertThat(ClusterConfigs.toConfig(allowed).isTrustCerts()).isTrue();
    }

    @Test
    void anInsecureClusterNoContextUsesDoesNotCount() {
        String other = kubeconfig("token: abc", "").replace("clusters:\n", """
                clusters:
                - name: lab
                  cluster: {server: 'https://lab.example.com', insecure-skip-tls-verify: true}
                """);
        assertThat(other).contains("insecure-skip-tls-verify: true");
        assertThat(KubeconfigPolicy.check(other, null)).isEmpty();
        assertThat(KubeconfigPolicy.check(other.replace("{cluster: c,", "{cluster: lab,"), null))
                .singleElement()
                .asString()
                .contains("kubeconfig cluster 'lab'");
    }
}
