package io.jenkins.plugins.kubernetesdelivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ClusterCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsTranslatorTest {

    @TempDir
    Path tmp;

    @Test
    void secretTextIsABearerToken() throws Exception {
        ClusterCredentials c = CredentialsTranslator.translate(FakeCredentials.token("deployer", " s3cr3t-token\n"));

        assertThat(c).isEqualTo(new ClusterCredentials.Token("s3cr3t-token"));
        assertThat(c.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void secretFileIsAKubeconfigWithItsCurrentContext() throws Exception {
        String kubeconfig = "apiVersion: v1\nkind: Config\ncurrent-context: prod\n";
        ClusterCredentials c = CredentialsTranslator.translate(FakeCredentials.file("kc", "config", kubeconfig));

        assertThat(c).isEqualTo(new ClusterCredentials.Kubeconfig(kubeconfig, null));
    }

    @Test
    void certificateIsTheClientKeyAndCertificateOfTheKeyStore() throws Exception {
        KeyStore store = newPkcs12("pa55word");

        ClusterCredentials c = CredentialsTranslator.translate(FakeCredentials.certificate("cert", store, "pa55word"));

        assertThat(c).isInstanceOf(ClusterCredentials.ClientCertificate.class);
        ClusterCredentials.ClientCertificate cc = (ClusterCredentials.ClientCertificate) c;
        assertThat(cc.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(cc.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void wrongCertificatePasswordNamesTheCredentialsButNotThePassword() throws Exception {
        KeyStore store = newPkcs12("pa55word");

        assertThatThrownBy(() -> CredentialsTranslator.translate(
                        FakeCredentials.certificate("client-cert", store, "not-the-password")))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("client-cert")
                .hasMessageContaining(Messages.Credentials_KindCertificate())
                .message()
                .doesNotContain("not-the-password")
                .doesNotContain("pa55word");
    }

    @Test
    void emptyTokenIsRefusedWithTheCredentialsId() {
        assertThatThrownBy(() -> CredentialsTranslator.translate(FakeCredentials.token("blank-token", "  ")))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("blank-token")
                .hasMessageContaining(Messages.Credentials_KindToken());
    }

    @Test
    void emptyKubeconfigIsRefusedWithTheCredentialsId() {
        assertThatThrownBy(() -> CredentialsTranslator.translate(FakeCredentials.file("empty-kc", "config", "")))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("empty-kc")
                .hasMessageContaining(Messages.Credentials_KindKubeconfig());
    }

    @Test
    void otherKindsOfCredentialsAreRefusedSayingWhichKindsWork() {
        assertThatThrownBy(() -> CredentialsTranslator.translate(FakeCredentials.unsupported("ssh-key")))
                .isInstanceOf(AbortException.class)
                .hasMessage(Messages.Credentials_Unsupported("ssh-key", "Other"));
    }

    /** A PKCS#12 key store with one key pair and its self-signed certificate, made by the JDK's keytool. */
    private KeyStore newPkcs12(String password) throws IOException, InterruptedException, Exception {
        Path file = tmp.resolve("client.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(
                        keytool.toString(),
                        "-genkeypair",
                        "-alias",
                        "client",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=jenkins-test,O=system:masters",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        file.toString(),
                        "-storepass",
                        password,
                        "-keypass",
                        password)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(p.exitValue()).as("keytool: " + out).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }
}
