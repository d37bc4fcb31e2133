package io.jenkins.plugins.kubernetesdelivery.engine.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.DeliveryLabels;
import io.jenkins.plugins.kubernetesdelivery.testenv.TestNamespace;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Deploy happy paths against testenv: first deploy, second deploy (previous warm), retention, realistic manifests. */
@Tag("cluster")
class DeployClusterTest {

    @RegisterExtension
    TestNamespace ns = new TestNamespace();

    @Test
    void firstAndSecondDeployKeepThePreviousReleaseWarm() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        DeployResult v1 = f.engine().deploy(f.request(1).build());
        assertThat(v1.release()).isEqualTo("v1");
        assertThat(v1.previous()).isNull();
        assertThat(v1.services()).containsExactly("web");
        assertThat(f.selectedRelease("web")).isEqualTo("v1");
        f.awaitEndpoints("web", ClusterFixture.allOf("web-v1"));
        f.assertHistory("v1", null);
        assertThat(f.lines).contains(ns.name() + "/web-v1 2/2 ready");

        DeployResult v2 = f.engine().deploy(f.request(2).build());
        assertThat(v2.release()).isEqualTo("v2");
        assertThat(v2.previous()).isEqualTo("v1");
        assertThat(f.selectedRelease("web")).isEqualTo("v2");
        assertThat(f.selectedRelease("web-preview")).isEqualTo("v2");
        f.awaitEndpoints("web", ClusterFixture.allOf("web-v2"));
        assertThat(f.specReplicas("web-v1")).as("previous release stays warm").isEqualTo(2);
        f.assertHistory("v2", "v1");

        f.engine().deploy(f.request(3).build());
        assertThat(f.specReplicas("web-v2")).isEqualTo(2);
        assertThat(f.specReplicas("web-v1")).as("older releases scale to 0").isZero();
        List<ReleaseInfo> releases = f.engine().releases("web", ns.name());
        assertThat(releases).extracting(ReleaseInfo::release).containsExactly("v3", "v2", "v1");
        assertThat(releases)
                .extracting(ReleaseInfo::state)
                .containsExactly(ReleaseState.LIVE, ReleaseState.WARM, ReleaseState.COLD);
        assertThat(releases.get(0).metadata().gitCommit()).isEqualTo(String.format("%040x", 0xc0ffee00L + 3));
        assertThat(releases.get(0).metadata().images())
                .containsExactly("registry.example.com/shop/web@sha256:" + String.format("%064x", 3));

        ReleaseHistory h = f.engine().history("web", ns.name());
        assertThat(h.entries()).extracting(ReleaseHistory.Entry::release).containsExactly("v3", "v2", "v1");
        assertThat(h.entries()).allSatisfy(e -> {
            assertThat(e.outcome()).isEqualTo("succeeded");
            assertThat(e.by()).isEqualTo("alice");
        });
        var lease = ns.client()
                .leases()
                .inNamespace(ns.name())
                .withName("web-delivery")
                .get();
        assertThat(lease.getSpec().getHolderIdentity()).as("Lease released").isNull();
    }

    @Test
    void releasesBeyondKeepAreDeletedWithTheirConfig() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        String withConfig = ClusterFixture.manifests("web", 1, java.util.Map.of())
                        .replace(
                                "        ports:\n",
                                "        envFrom:\n        - configMapRef: {name: web-config}\n        ports:\n")
                + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: web-config}\ndata: {A: b}\n";
        for (int i = 1; i <= 4; i++) {
            f.engine()
                    .deploy(f.request(i)
                            .keep(3)
                            .manifests(List.of())
                            .manifest("web.yaml", withConfig)
                            .build());
        }
        assertThat(f.engine().releases("web", ns.name()))
                .extracting(ReleaseInfo::release)
                .containsExactly("v4", "v3", "v2");
        assertThat(ns.client()
                        .configMaps()
                        .inNamespace(ns.name())
                        .withName("web-config-v1")
                        .get())
                .isNull();
        assertThat(ns.client()
                        .configMaps()
                        .inNamespace(ns.name())
                        .withName("web-config-v2")
                        .get())
                .isNotNull();
        assertThat(ns.client()
                        .apps()
                        .deployments()
                        .inNamespace(ns.name())
                        .withName("web-v1")
                        .get())
                .isNull();
    }

    @Test
    void realisticManifestsWithACustomResourceApply() {
        String group = "mon" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
        CustomResourceDefinition crd = new CustomResourceDefinitionBuilder()
                .withNewMetadata()
                .withName("servicemonitors." + group)
                .endMetadata()
                .withNewSpec()
                .withGroup(group)
                .withScope("Namespaced")
                .withNewNames()
                .withKind("ServiceMonitor")
                .withPlural("servicemonitors")
                .withSingular("servicemonitor")
                .endNames()
                .addNewVersion()
                .withName("v1")
                .withServed(true)
                .withStorage(true)
                .withNewSchema()
                .withNewOpenAPIV3Schema()
                .withType("object")
                .withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema()
                .endSchema()
                .endVersion()
                .endSpec()
                .build();
        ns.client()
                .apiextensions()
                .v1()
                .customResourceDefinitions()
                .resource(crd)
                .create();
        try {
            ns.client()
                    .apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .withName(crd.getMetadata().getName())
                    .waitUntilCondition(
                            c -> c != null
                                    && c.getStatus() != null
                                    && c.getStatus().getConditions().stream()
                                            .anyMatch(x ->
                                                    "Established".equals(x.getType()) && "True".equals(x.getStatus())),
                            30,
                            TimeUnit.SECONDS);
            ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
            ReleaseRequest req = Fixtures.webRequest()
                    .manifests(List.of())
                    .manifest(
                            "k8s/web.yaml",
                            Fixtures.resource("web-manifests.yaml").replace("monitoring.example.com/v1", group + "/v1"))
                    .build();
            ReleaseRequest shop = new ReleaseRequest(
                    req.app(),
                    ns.name(),
                    req.images(),
                    req.manifests(),
                    req.simple(),
                    req.services(),
                    req.schemaVersion(),
                    req.gitCommit(),
                    req.buildUrl(),
                    req.approver(),
                    req.actor(),
                    req.keep(),
                    java.time.Duration.ofSeconds(60),
                    req.lockTimeout(),
                    null,
                    false,
                    false,
                    false,
                    false);
            assertThat(f.engine().deploy(shop).release()).isEqualTo("v1");
            GenericKubernetesResource monitor = ns.client()
                    .genericKubernetesResources(group + "/v1", "ServiceMonitor")
                    .inNamespace(ns.name())
                    .withName("web")
                    .get();
            // a shared object: the app's labels, no release label (it is applied again only when it changes)
            assertThat(monitor.getMetadata().getLabels())
                    .containsEntry(ReleaseLabels.APP, "web")
                    .doesNotContainKey(ReleaseLabels.RELEASE);
            assertThat(monitor.getMetadata().getManagedFields())
                    .extracting(m -> m.getManager())
                    .contains(DeliveryLabels.FIELD_MANAGER);
            assertThat(ns.client()
                            .network()
                            .v1()
                            .ingresses()
                            .inNamespace(ns.name())
                            .withName("web")
                            .get())
                    .isNotNull();
            assertThat(ns.client()
                            .secrets()
                            .inNamespace(ns.name())
                            .withName("web-credentials-v1")
                            .get())
                    .isNotNull();
            assertThat(ns.client()
                            .apps()
                            .deployments()
                            .inNamespace(ns.name())
                            .withName("web-v1")
                            .get()
                            .getSpec()
                            .getTemplate()
                            .getSpec()
                            .getVolumes()
                            .get(0)
                            .getConfigMap()
                            .getName())
                    .isEqualTo("web-config-v1");
            f.awaitEndpoints("web", ClusterFixture.allOf("web-v1"));
        } finally {
            ns.client()
                    .apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .resource(crd)
                    .delete();
        }
    }
}
