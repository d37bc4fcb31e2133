package io.jenkins.plugins.kubernetesdelivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.AbortException;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ClusterConnection;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ClusterCredentials;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

        assertThat(c)
                .isEqualTo(new ClusterConnection(
                        "prod",
                        "https://k8s.example.com:6443",
                        "shop",
                        "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
                        true,
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
    void credentialsAreLookedUpForTheClusterAndRecordedAsUsed() throws Exception {
        KubernetesCluster cluster = new KubernetesCluster("prod");
        cluster.setServerUrl("https://k8s.example.com");
        cluster.setCredentialsId("deployer");
        StandardCredentials deployer = FakeCredentials.token("deployer", "t0ken");
        List<KubernetesCluster> asked = new ArrayList<>();
        List<StandardCredentials> used = new ArrayList<>();

        ClusterConnection c = ClusterConnections.resolve(
                cluster,
                k -> {
                    asked.add(k);
                    return Map.of("deployer", deployer).get(k.getCredentialsId());
                },
                used::add);

        assertThat(asked).containsExactly(cluster);
        assertThat(used).containsExactly(deployer);
        assertThat(c.credentials()).isEqualTo(new ClusterCredentials.Token("t0ken"));
    }

    @Test
    void missingCredentialsAreNotRecordedAndTheMessageSaysWhereTheyAreLookedFor() {
        KubernetesCluster cluster = new KubernetesCluster("prod");
        cluster.setCredentialsId("gone");
        List<StandardCredentials> used = new ArrayList<>();

        assertThatThrownBy(() -> ClusterConnections.resolve(cluster, k -> null, used::add))
                .isInstanceOf(AbortException.class)
                .hasMessage(Messages.Credentials_NotFound("gone", "prod"))
                .hasMessageContaining("global credentials")
                .hasMessageContaining("System or Global scope")
                .hasMessageContaining("never used for clusters");
        assertThat(used).isEmpty();
    }

    @Test
    void withoutACredentialsIdNothingIsLookedUp() throws Exception {
        ClusterConnection c = ClusterConnections.resolve(
                new KubernetesCluster("in-cluster"),
                k -> {
                    throw new AssertionError("looked up " + k);
                },
                x -> {
                    throw new AssertionError("recorded " + x);
                });

        assertThat(c.inCluster()).isTrue();
    }

    @Test
    void aTargetsNamespaceBecomesTheConnectionsDefault() throws Exception {
        KubernetesCluster cluster = new KubernetesCluster("prod");
        cluster.setServerUrl("https://k8s.example.com");
        cluster.setNamespace("prod-default");
        ClusterConnection resolved = ClusterConnections.connection(cluster, null);

        assertThat(ClusterConnections.inNamespace(resolved, "shop"))
                .isEqualTo(new ClusterConnection("prod", "https://k8s.example.com", "shop", null, false, null));
        assertThat(ClusterConnections.inNamespace(resolved, null).namespace()).isNull();
    }

    @Test
    void clustersAreReachableOnlyThroughEnvironmentsUnlessAllowed() {
        KubernetesCluster cluster = new KubernetesCluster("prod");
        assertThat(cluster.isAllowDirectUse()).isFalse();
        cluster.setAllowDirectUse(true);
        assertThat(cluster.isAllowDirectUse()).isTrue();
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
