package io.jenkins.plugins.kubernetesdelivery;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.util.FormValidation;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ClusterConnection;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ClusterCredentials;
import java.net.ConnectException;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** How failures of "Test connection" read, from the exceptions fabric8 throws; no cluster needed. */
class ConnectionTesterTest {

    private static final String SERVER = "https://k8s.example.com:6443";

    @Test
    void unauthorizedNamesTheCredentialsAndWhatToCheck() {
        String m = ConnectionTester.describe(
                SERVER,
                "deployer",
                new KubernetesClientException(new StatusBuilder()
                        .withCode(401)
                        .withMessage("Unauthorized")
                        .build()));

        assertThat(m)
                .isEqualTo(Messages.ConnectionTester_Unauthorized(SERVER, "deployer"))
                .contains("401")
                .contains("deployer")
                .contains(SERVER);
    }

    @Test
    void forbiddenSaysWhichPermissionIsMissing() {
        String m = ConnectionTester.describe(
                SERVER,
                null,
                new KubernetesClientException(new StatusBuilder()
                        .withCode(403)
                        .withMessage("forbidden")
                        .build()));

        assertThat(m).contains("403").contains("/version").contains(Messages.ConnectionTester_NoCredentials());
    }

    @Test
    void otherHttpAnswersAreQuoted() {
        String m = ConnectionTester.describe(
                SERVER,
                "x",
                new KubernetesClientException(new StatusBuilder()
                        .withCode(404)
                        .withMessage("the server could not find the requested resource")
                        .build()));

        assertThat(m).contains("HTTP 404").contains("could not find the requested resource");
    }

    @Test
    void tlsFailuresPointAtTheCaCertificate() {
        String m = ConnectionTester.describe(
                SERVER,
                "x",
                new KubernetesClientException("get failed", new SSLHandshakeException("PKIX path building failed")));

        assertThat(m).isEqualTo(Messages.ConnectionTester_Tls(SERVER, "PKIX path building failed"));
    }

    @Test
    void unreachableServersPointAtTheUrl() {
        String m = ConnectionTester.describe(
                SERVER, "x", new KubernetesClientException("get failed", new ConnectException("Connection refused")));

        assertThat(m).isEqualTo(Messages.ConnectionTester_Unreachable(SERVER, "Connection refused"));
    }

    @Test
    void invalidSettingsAreNotSentAnywhere() {
        ClusterConnection bad = new ClusterConnection(
                "c", "ftp://k8s.example.com", null, null, false, new ClusterCredentials.Token("t0ken"));

        FormValidation v = ConnectionTester.test(bad, "deployer");

        assertThat(v.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(v.getMessage())
                .startsWith("Not tested")
                .contains("must start with https://")
                .doesNotContain("t0ken");
    }

    /** D-21: what the server or the network says is quoted on one bounded line. */
    @Test
    void serverTextIsQuotedOnOneBoundedLine() {
        String forged = "boom\n[INFO] forged line\u001b[2K" + "z".repeat(5000);
        String status = ConnectionTester.describe(
                SERVER,
                "x",
                new KubernetesClientException(
                        new StatusBuilder().withCode(500).withMessage(forged).build()));
        String network = ConnectionTester.describe(
                SERVER, "x", new KubernetesClientException("get failed", new ConnectException(forged)));
        String other = ConnectionTester.describe(SERVER, "x", new KubernetesClientException(forged));
        assertThat(List.of(status, network, other))
                .allSatisfy(m -> assertThat(m)
                        .contains("boom")
                        .doesNotContain("\n")
                        .doesNotContain("\u001b")
                        .hasSizeLessThan(800));
    }

    /** D-21: a URL with a password is refused before any connection, and the password is not shown. */
    @Test
    void aServerUrlWithAPasswordIsNeitherUsedNorShown() {
        FormValidation v = ConnectionTester.test(
                new ClusterConnection(
                        "c",
                        "https://alice:s3cret@127.0.0.1:1",
                        null,
                        null,
                        false,
                        new ClusterCredentials.Token("t0ken")),
                "deployer");

        assertThat(v.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(v.getMessage())
                .startsWith("Not tested")
                .contains("user name or password")
                .doesNotContain("s3cret")
                .doesNotContain("alice");
    }
}
