package io.jenkins.plugins.kubernetesdelivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ClusterConnection;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ClusterCredentials;
import org.junit.jupiter.api.Test;

class ClusterConnectionsTest {

    @Test
    void everySettingReachesTheEngineWithTheResolvedCredentials() throws Exception {
        KubernetesCluster cluster = new KubernetesCluster(" prod ");
        cluster.setServerUrl("https://k8s.example.com:6443 ");
        cluster.setCredentialsId("deployer");
        cluster.setCaCertificate("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----");
        cluster.setNamespace("shop");
        cluster.setSkipTlsVerify(true);

        ClusterConnection c = ClusterConnections.connection(cluster, FakeCredentials.token("deployer", "t0ken"));

        assertThat(c).isEqualTo(new ClusterConnection("prod", "https://k8s.example.com:6443", "shop",
                "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----", true,
                new ClusterCredentials.Token("t0ken")));
    }

    @Test
    void noCredentialsIdMeansNoCredentials() throws Exception {
        ClusterConnection c = ClusterConnections.connection(new KubernetesCluster("local"), null);

        assertThat(c.credentials()).isEqualTo(new ClusterCredentials.None());
        assertThat(c.inCluster()).isTrue();
    }

    @Test
    void missingCredentialsNameTheIdAndTheCluster() {
        KubernetesCluster cluster = new KubernetesCluster("staging");
        cluster.setCredentialsId("gone");

        assertThatThrownBy(() -> ClusterConnections.connection(cluster, null))
                .isInstanceOf(AbortException.class)
                .hasMessage(Messages.Credentials_NotFound("gone", "staging"))
                .hasMessageContaining("'gone'")
                .hasMessageContaining("'staging'");
    }

    @Test
    void blankFieldsAreUnset() {
        KubernetesCluster cluster = new KubernetesCluster("c");
        cluster.setServerUrl("  ");
        cluster.setCredentialsId("");
        cluster.setNamespace(null);

        assertThat(cluster.getServerUrl()).isNull();
        assertThat(cluster.getCredentialsId()).isNull();
        assertThat(cluster.getNamespace()).isNull();
    }
}
