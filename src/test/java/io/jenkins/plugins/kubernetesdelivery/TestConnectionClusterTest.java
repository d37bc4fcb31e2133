package io.jenkins.plugins.kubernetesdelivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.util.FormValidation;
import io.jenkins.plugins.kubernetesdelivery.testenv.Testenv;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * "Test connection" against the real testenv API server, once per kind of credentials, and for the usual mistakes.
 * testenv writes the server URL, its CA, an admin token and an admin PKCS#12 store next to its kubeconfig.
 */
@Tag("cluster")
class TestConnectionClusterTest {

    private final String server = Testenv.file("server-url");
    private final String ca = Testenv.file("ca.crt");

    @Test
    void secretTextTokenConnects() throws Exception {
        FormValidation v = test(cluster(server, ca), FakeCredentials.token("admin-token", Testenv.file("admin-token")));

        assertConnected(v);
    }

    @Test
    void kubeconfigFileConnectsToItsOwnServer() throws Exception {
        FormValidation v = test(
                cluster(null, null), FakeCredentials.file("admin-kubeconfig", "kubeconfig", Testenv.kubeconfigText()));

        assertConnected(v);
    }

    @Test
    void pkcs12CertificateConnects() throws Exception {
        Path p12 = Testenv.kubeconfig().resolveSibling("admin.p12");
        String password = Testenv.file("admin.p12.password");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            store.load(in, password.toCharArray());
        }

        FormValidation v = test(cluster(server, ca), FakeCredentials.certificate("admin-cert", store, password));

        assertConnected(v);
    }

    @Test
    void wrongTokenIsRejectedWithoutShowingIt() throws Exception {
        FormValidation v = test(cluster(server, ca), FakeCredentials.token("admin-token", "not-a-valid-token"));

        assertThat(v.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(v.getMessage()).contains("HTTP 401").contains("admin-token").doesNotContain("not-a-valid-token");
    }

    @Test
    void unknownCertificateAuthorityIsATlsFailure() throws Exception {
        FormValidation v =
                test(cluster(server, null), FakeCredentials.token("admin-token", Testenv.file("admin-token")));

        assertThat(v.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(v.getMessage())
                .contains("TLS verification of " + server + " failed")
                .contains("CA certificate");
    }

    @Test
    void closedPortIsUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String closed = "https://127.0.0.1:" + port;

        FormValidation v = test(cluster(closed, ca), FakeCredentials.token("admin-token", Testenv.file("admin-token")));

        assertThat(v.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(v.getMessage()).contains("Cannot reach " + closed);
    }

    @Test
    void aKubeconfigThatRunsAProgramIsRefusedBeforeAnyConnection() throws Exception {
        String exec = Testenv.kubeconfigText()
                .replaceFirst(
                        "(?m)^    client-certificate-data: .*$",
                        "    exec: {apiVersion: client.authentication.k8s.io/v1, command: /bin/false}");

        FormValidation v = test(cluster(null, null), FakeCredentials.file("exec-kubeconfig", "kubeconfig", exec));

        assertThat(v.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(v.getMessage()).contains("runs a program (exec)").doesNotContain("/bin/false");
    }

    private static KubernetesCluster cluster(String serverUrl, String caCertificate) {
        KubernetesCluster c = new KubernetesCluster("testenv");
        c.setServerUrl(serverUrl);
        c.setCaCertificate(caCertificate);
        return c;
    }

    private static FormValidation test(KubernetesCluster cluster, StandardCredentials credentials) throws Exception {
        cluster.setCredentialsId(credentials.getId());
        return ConnectionTester.test(ClusterConnections.connection(cluster, credentials), credentials.getId());
    }

    private static void assertConnected(FormValidation v) {
        assertThat(v.getMessage()).startsWith("Connected to Kubernetes v1.");
        assertThat(v.kind).isEqualTo(FormValidation.Kind.OK);
    }
}
