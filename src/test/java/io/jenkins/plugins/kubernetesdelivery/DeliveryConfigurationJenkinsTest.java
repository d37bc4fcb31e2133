package io.jenkins.plugins.kubernetesdelivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorException;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.CNode;
import io.jenkins.plugins.casc.yaml.YamlSource;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** Configuration as Code: import, export, import of the export, and what is refused. Root build only. */
@WithJenkinsConfiguredWithCode
class DeliveryConfigurationJenkinsTest {

    @Test
    @ConfiguredWithCode("configuration-as-code.yaml")
    void importsExportsAndReimportsTheClusters(JenkinsConfiguredWithCodeRule r) throws Exception {
        List<KubernetesCluster> imported = DeliveryConfiguration.get().getClusters();
        assertThat(imported).extracting(KubernetesCluster::getName).containsExactly("production", "local", "in-cluster");
        KubernetesCluster production = imported.get(0);
        assertThat(production.getServerUrl()).isEqualTo("https://k8s.example.com:6443");
        assertThat(production.getCredentialsId()).isEqualTo("production-deployer");
        assertThat(production.getNamespace()).isEqualTo("shop");
        assertThat(production.getCaCertificate()).startsWith("-----BEGIN CERTIFICATE-----").endsWith("-----");
        assertThat(production.isSkipTlsVerify()).isFalse();
        assertThat(imported.get(1).isSkipTlsVerify()).isTrue();
        assertThat(imported.get(2).getServerUrl()).isNull();

        // export, compared as data (quoting and key order are the exporter's business)
        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        CNode node = Util.getUnclassifiedRoot(context).get("kubernetesDelivery");
        String exported = Util.toYamlString(node);
        Object expected;
        try (InputStream in = getClass().getResourceAsStream("configuration-as-code-expected.yaml")) {
            expected = new Yaml().load(in);
        }
        assertThat((Object) new Yaml().load(exported)).isEqualTo(expected);

        // the export configures the same clusters again
        DeliveryConfiguration.get().setClusters(List.of());
        String document = new Yaml().dump(Map.of("unclassified", Map.of("kubernetesDelivery", new Yaml().load(exported))));
        ConfigurationAsCode.get().configureWith(YamlSource.of(
                new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8))));
        List<KubernetesCluster> reimported = DeliveryConfiguration.get().getClusters();
        assertThat(reimported).hasSameSizeAs(imported);
        for (int i = 0; i < imported.size(); i++) {
            r.assertEqualDataBoundBeans(imported.get(i), reimported.get(i));
        }

        // and it was saved: a fresh instance loads it from disk
        List<KubernetesCluster> loaded = new DeliveryConfiguration().getClusters();
        assertThat(loaded).hasSameSizeAs(imported);
        for (int i = 0; i < imported.size(); i++) {
            r.assertEqualDataBoundBeans(imported.get(i), loaded.get(i));
        }
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yaml")
    void duplicateClusterNamesAreRefused(JenkinsConfiguredWithCodeRule r) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("duplicate-clusters.yaml")) {
            assertThatThrownBy(() -> ConfigurationAsCode.get().configureWith(YamlSource.of(in)))
                    .isInstanceOf(ConfiguratorException.class)
                    .rootCause()
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(Messages.ClusterChecks_Duplicate("prod"));
        }
        // the configuration in force is untouched
        assertThat(DeliveryConfiguration.get().getClusters())
                .extracting(KubernetesCluster::getName)
                .containsExactly("production", "local", "in-cluster");
    }
}
