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
        assertThat(KubeconfigPolicy.check(kubeconfig("token: abc", "certificate-authority-data: Zm9v"), null)).isEmpty();
        assertThat(KubeconfigPolicy.check(kubeconfig(
                "client-certificate-data: Zm9v\nclient-key-data: YmFy", "insecure-skip-tls-verify: true"), null)).isEmpty();
    }

    @Test
    void execAuthProviderAndFilesAreRefusedNamingTheEntry() {
        String exec = kubeconfig("""
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: /bin/sh
                  args: ["-c", "id"]""", "");
        assertThat(KubeconfigPolicy.check(exec, null)).singleElement().asString()
                .contains("user 'u'").contains("runs a program (exec)");
        assertThat(KubeconfigPolicy.check(kubeconfig("auth-provider:\n  name: oidc", ""), null))
                .singleElement().asString().contains("auth-provider");
        assertThat(KubeconfigPolicy.check(kubeconfig("tokenFile: /var/lib/jenkins/secret.key", ""), null))
                .singleElement().asString().contains("tokenFile");
        assertThat(KubeconfigPolicy.check(kubeconfig("client-certificate: /etc/c.crt\nclient-key: /etc/c.key", ""), null))
                .singleElement().asString().contains("client-certificate-data");
        assertThat(KubeconfigPolicy.check(kubeconfig("token: abc", "certificate-authority: /etc/ssl/ca.pem"), null))
                .singleElement().asString().contains("cluster 'c'").contains("certificate-authority file");
    }

    @Test
    void anUnreadableKubeconfigIsReportedWithoutQuotingIt() {
        assertThat(KubeconfigPolicy.check("users: [ {name: u, user: {token: hunter2-TOPSECRET", null))
                .singleElement().asString().contains("cannot be read").doesNotContain("hunter2");
    }

    @Test
    void anExecKubeconfigNeverRunsItsProgram(@TempDir Path tmp) {
        Path marker = tmp.resolve("ran");
        String exec = kubeconfig("""
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: /bin/sh
                  args: ["-c", "touch %s"]""".formatted(marker), "");
        ClusterConnection c = new ClusterConnection("k", null, null, null, false,
                new ClusterCredentials.Kubeconfig(exec, null));
        assertThat(ClusterConfigs.validate(c)).anySatisfy(p -> assertThat(p).contains("runs a program"));
        assertThatThrownBy(() -> ClusterConfigs.toConfig(c))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.problems())
                        .isEqualTo(ClusterConfigs.validate(c)))
                .hasMessageStartingWith("the kubeconfig of cluster 'k' is invalid");
        assertThatThrownBy(() -> ClusterClients.open(c)).isInstanceOf(DeliveryException.class);
        assertThat(Files.exists(marker)).isFalse();
    }

    @Test
    void anUnknownOrMissingContextIsNamedWithTheOnesThereAre() {
        ClusterConnection c = new ClusterConnection("k", null, null, null, false,
                new ClusterCredentials.Kubeconfig(kubeconfig("token: hunter2-TOPSECRET", ""), "nope"));
        assertThat(ClusterConfigs.validate(c)).containsExactly("the kubeconfig has no context 'nope' (it has: ctx)");
        assertThatThrownBy(() -> ClusterConfigs.toConfig(c))
                .isInstanceOf(DeliveryException.class).hasMessageNotContaining("hunter2");
        String noCurrent = kubeconfig("token: abc", "").replace("current-context: ctx", "");
        assertThat(KubeconfigPolicy.check(noCurrent, null)).singleElement().asString()
                .contains("no current-context").contains("ctx");
        assertThat(KubeconfigPolicy.check(noCurrent, "ctx")).isEmpty();
    }
}
