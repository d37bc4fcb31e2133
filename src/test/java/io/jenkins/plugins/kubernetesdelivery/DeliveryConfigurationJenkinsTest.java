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
import io.jenkins.plugins.kubernetesdelivery.engine.image.BuilderImages;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** Configuration as Code: import, export, import of the export, what is refused, and old saved files. Root build only. */
@WithJenkinsConfiguredWithCode
class DeliveryConfigurationJenkinsTest {

    @Test
    @ConfiguredWithCode("configuration-as-code.yaml")
    void importsExportsAndReimportsClustersEnvironmentsAndBuilderDefaults(JenkinsConfiguredWithCodeRule r)
            throws Exception {
        DeliveryConfiguration config = DeliveryConfiguration.get();
        List<KubernetesCluster> clusters = config.getClusters();
        assertThat(clusters)
                .extracting(KubernetesCluster::getName)
                .containsExactly("production", "local", "in-cluster");
        KubernetesCluster production = clusters.get(0);
        assertThat(production.getServerUrl()).isEqualTo("https://k8s.example.com:6443");
        assertThat(production.getCredentialsId()).isEqualTo("production-deployer");
        assertThat(production.getNamespace()).isEqualTo("shop");
        assertThat(production.getCaCertificate())
                .startsWith("-----BEGIN CERTIFICATE-----")
                .endsWith("-----");
        assertThat(production.isSkipTlsVerify()).isFalse();
        assertThat(production.isAllowDirectUse()).isFalse();
        assertThat(clusters.get(1).isSkipTlsVerify()).isTrue();
        assertThat(clusters.get(1).isAllowDirectUse()).isTrue();
        assertThat(clusters.get(2).getServerUrl()).isNull();

        List<Environment> environments = config.getEnvironments();
        assertThat(environments).extracting(Environment::getName).containsExactly("staging", "production", "lab");
        assertThat(environments.get(0).getJobPatterns()).containsExactly("shop/**");
        assertThat(environments.get(0).getApproval()).isNull();
        Environment prod = config.getEnvironment("production");
        assertThat(prod.getCluster()).isEqualTo("production");
        assertThat(prod.getNamespace()).isEqualTo("shop");
        assertThat(prod.getJobPatterns()).containsExactly("shop/web/main", "shop/api/main");
        assertThat(prod.getApproval().getApproverList()).containsExactly("alice", "release-managers");
        assertThat(prod.getApproval().isAllowSelfApproval()).isFalse();
        assertThat(prod.getApproval().getTimeoutMinutes()).isEqualTo(90);
        assertThat(prod.isAllowClusterScoped()).as("default").isFalse();
        assertThat(config.getEnvironment("lab").isAllowClusterScoped()).isTrue();
        Approval lab = config.getEnvironment("lab").getApproval();
        assertThat(lab.isAllowSelfApproval()).isTrue();
        assertThat(lab.getTimeoutMinutes()).isEqualTo(Approval.DEFAULT_TIMEOUT_MINUTES);

        BuilderPodSettings pods = config.getBuilderDefaults().toPodSettings("shop");
        assertThat(pods.builder()).isEqualTo("kaniko");
        assertThat(pods.namespace()).isEqualTo("image-builds");
        assertThat(pods.serviceAccount()).isEqualTo("image-builder");
        assertThat(pods.requests()).isEqualTo(Map.of("cpu", "500m", "memory", "1Gi"));
        assertThat(pods.limits()).isEqualTo(Map.of("memory", "4Gi", "ephemeral-storage", "20Gi"));
        assertThat(pods.nodeSelector()).isEqualTo(Map.of("kubernetes.io/arch", "amd64"));
        assertThat(pods.tolerations()).extracting(t -> t.getKey()).containsExactly("dedicated", "spot");
        assertThat(pods.images().buildkit()).startsWith("registry.example.com/mirror/buildkit");
        assertThat(pods.images().kaniko()).isEqualTo(BuilderImages.DEFAULT_KANIKO);

        // export, compared as data (quoting and key order are the exporter's business)
        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        CNode node = Util.getUnclassifiedRoot(context).get("kubernetesDelivery");
        String exported = Util.toYamlString(node);
        Object expected;
        try (InputStream in = getClass().getResourceAsStream("configuration-as-code-expected.yaml")) {
            expected = new Yaml().load(in);
        }
        assertThat((Object) new Yaml().load(exported)).isEqualTo(expected);

        // the export configures the same again, from an empty configuration
        config.setEnvironments(List.of());
        config.setClusters(List.of());
        config.setBuilderDefaults(new BuilderDefaults());
        String document =
                new Yaml().dump(Map.of("unclassified", Map.of("kubernetesDelivery", new Yaml().load(exported))));
        ConfigurationAsCode.get()
                .configureWith(YamlSource.of(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8))));
        assertConfiguredAs(r, clusters, environments, pods, DeliveryConfiguration.get());

        // and it was saved: a fresh instance loads it from disk
        assertConfiguredAs(r, clusters, environments, pods, new DeliveryConfiguration());
    }

    private static void assertConfiguredAs(
            JenkinsConfiguredWithCodeRule r,
            List<KubernetesCluster> clusters,
            List<Environment> environments,
            BuilderPodSettings pods,
            DeliveryConfiguration actual)
            throws Exception {
        assertThat(actual.getClusters()).hasSameSizeAs(clusters);
        for (int i = 0; i < clusters.size(); i++) {
            r.assertEqualDataBoundBeans(clusters.get(i), actual.getClusters().get(i));
        }
        assertThat(actual.getEnvironments()).hasSameSizeAs(environments);
        for (int i = 0; i < environments.size(); i++) {
            r.assertEqualDataBoundBeans(
                    environments.get(i), actual.getEnvironments().get(i));
        }
        assertThat(actual.getBuilderDefaults().toPodSettings("shop")).isEqualTo(pods);
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

    @Test
    @ConfiguredWithCode("configuration-as-code.yaml")
    void anEnvironmentNamingAMissingClusterIsRefusedAndNothingChanges(JenkinsConfiguredWithCodeRule r)
            throws Exception {
        try (InputStream in = getClass().getResourceAsStream("environment-unknown-cluster.yaml")) {
            assertThatThrownBy(() -> ConfigurationAsCode.get().configureWith(YamlSource.of(in)))
                    .isInstanceOf(ConfiguratorException.class)
                    .rootCause()
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(Messages.EnvironmentChecks_Invalid(
                            "production", Messages.EnvironmentChecks_UnknownCluster("production", "'renamed'")));
        }
        // neither part of the refused document is in force, whichever of them was set first
        DeliveryConfiguration config = DeliveryConfiguration.get();
        assertThat(config.getClusters())
                .extracting(KubernetesCluster::getName)
                .containsExactly("production", "local", "in-cluster");
        assertThat(config.getEnvironments())
                .extracting(Environment::getName)
                .containsExactly("staging", "production", "lab");
        assertThat(new DeliveryConfiguration().getClusters())
                .extracting(KubernetesCluster::getName)
                .containsExactly("production", "local", "in-cluster");
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yaml")
    void invalidBuilderDefaultsAreRefused(JenkinsConfiguredWithCodeRule r) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("builder-limit-below-request.yaml")) {
            assertThatThrownBy(() -> ConfigurationAsCode.get().configureWith(YamlSource.of(in)))
                    .isInstanceOf(ConfiguratorException.class)
                    .rootCause()
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(Messages.BuilderChecks_BelowRequest("1Gi", "2Gi"));
        }
        assertThat(DeliveryConfiguration.get().getBuilderDefaults().getMemoryRequest())
                .isEqualTo("1Gi");
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yaml")
    void aSetterCalledOnItsOwnChecksTheWhole(JenkinsConfiguredWithCodeRule r) {
        DeliveryConfiguration config = DeliveryConfiguration.get();

        // removing a cluster that environments still name is refused
        assertThatThrownBy(() -> config.setClusters(List.of(config.getCluster("local"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Messages.EnvironmentChecks_Invalid(
                        "staging", Messages.EnvironmentChecks_UnknownCluster("production", "'local'")));
        assertThat(config.getClusters()).hasSize(3);
    }

    @Test
    void aClusterSavedBeforeDirectUseExistedIsReachableOnlyThroughEnvironments(JenkinsConfiguredWithCodeRule r)
            throws Exception {
        Path file = r.jenkins.getRootDir().toPath().resolve(DeliveryConfiguration.class.getName() + ".xml");
        Files.writeString(file, """
                <?xml version='1.1' encoding='UTF-8'?>
                <io.jenkins.plugins.kubernetesdelivery.DeliveryConfiguration plugin="kubernetes-delivery">
                  <clusters>
                    <io.jenkins.plugins.kubernetesdelivery.KubernetesCluster>
                      <name>old</name>
                      <serverUrl>https://old.example.com</serverUrl>
                      <skipTlsVerify>false</skipTlsVerify>
                    </io.jenkins.plugins.kubernetesdelivery.KubernetesCluster>
                  </clusters>
                </io.jenkins.plugins.kubernetesdelivery.DeliveryConfiguration>
                """, StandardCharsets.UTF_8);

        DeliveryConfiguration loaded = new DeliveryConfiguration();

        assertThat(loaded.getClusters()).extracting(KubernetesCluster::getName).containsExactly("old");
        assertThat(loaded.getClusters().get(0).isAllowDirectUse()).isFalse();
        assertThat(loaded.getEnvironments()).isEmpty();
        assertThat(loaded.getBuilderDefaults().toPodSettings(null).images()).isEqualTo(BuilderImages.DEFAULTS);
    }
}
