package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In-cluster access reads the pod's service account files and two variables, nothing else. */
class InClusterConfigTest {

    @Test
    void serverTokenCaAndNamespaceComeFromTheServiceAccount(@TempDir Path sa) throws Exception {
        Files.writeString(sa.resolve("token"), "token-1\n");
        Files.writeString(sa.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        Files.writeString(sa.resolve("namespace"), "jenkins\n");
        Map<String, String> env = Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1", "KUBERNETES_SERVICE_PORT", "443");

        Config config = InClusterConfig.builder(env::get, sa).build();

        assertThat(config.getMasterUrl()).startsWith("https://10.96.0.1:443");
        assertThat(config.getNamespace()).isEqualTo("jenkins");
        assertThat(new String(Base64.getDecoder().decode(config.getCaCertData()), StandardCharsets.UTF_8))
                .contains("MIIB");
        assertThat(config.getOauthTokenProvider().getToken()).isEqualTo("token-1");
        Files.writeString(sa.resolve("token"), "token-2\n");
        assertThat(config.getOauthTokenProvider().getToken())
                .as("a rotated token is read again")
                .isEqualTo("token-2");
    }

    @Test
    void outsideAPodItSaysWhatToConfigure(@TempDir Path sa) {
        assertThatThrownBy(() -> InClusterConfig.builder(name -> null, sa))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("set the API server URL and credentials");
    }

    @Test
    void explicitCredentialsReplaceTheServiceAccountToken(@TempDir Path sa) throws Exception {
        Files.writeString(sa.resolve("token"), "pod-token");
        Config config = InClusterConfig.builder(Map.of("KUBERNETES_SERVICE_HOST", "fd00::1")::get, sa)
                .withOauthToken("mine")
                .withOauthTokenProvider(null)
                .build();
        assertThat(config.getMasterUrl()).startsWith("https://[fd00::1]:443");
        assertThat(config.getOauthToken()).isEqualTo("mine");
        assertThat(config.getOauthTokenProvider()).isNull();
    }
}
