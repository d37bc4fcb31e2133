package io.jenkins.plugins.kubernetesdelivery.testenv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Proves that testenv is a real Kubernetes: controllers, scheduler, simulated kubelets, validation, SSA. */
@Tag("cluster")
class TestenvSmokeClusterTest {

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    private static Deployment deployment(String image, int replicas) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName("web")
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector()
                .addToMatchLabels("app", "web")
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", "web")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("web")
                .withImage(image)
                .addNewPort()
                .withContainerPort(8080)
                .endPort()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    @Test
    void deploymentAndServiceBecomeReadyWithTwoEndpoints() {
        KubernetesClient k = ns.client();
        k.apps()
                .deployments()
                .inNamespace(ns.name())
                .resource(deployment("registry.invalid/web:1", 2))
                .create();
        k.services()
                .inNamespace(ns.name())
                .resource(new ServiceBuilder()
                        .withNewMetadata()
                        .withName("web")
                        .endMetadata()
                        .withNewSpec()
                        .addToSelector("app", "web")
                        .addNewPort()
                        .withPort(80)
                        .withNewTargetPort(8080)
                        .endPort()
                        .endSpec()
                        .build())
                .create();

        Deployment ready = k.apps()
                .deployments()
                .inNamespace(ns.name())
                .withName("web")
                .waitUntilCondition(
                        d -> d != null
                                && d.getStatus() != null
                                && Integer.valueOf(2).equals(d.getStatus().getReadyReplicas()),
                        60,
                        TimeUnit.SECONDS);
        assertThat(ready.getStatus().getAvailableReplicas()).isEqualTo(2);

        EndpointSlice slice = k.discovery()
                .v1()
                .endpointSlices()
                .inNamespace(ns.name())
                .withLabel("kubernetes.io/service-name", "web")
                .informOnCondition(slices -> slices.stream().anyMatch(s -> readyEndpoints(s) == 2))
                .thenApply(slices -> slices.stream()
                        .filter(s -> readyEndpoints(s) == 2)
                        .findFirst()
                        .orElseThrow())
                .orTimeout(60, TimeUnit.SECONDS)
                .join();
        assertThat(slice.getEndpoints())
                .allSatisfy(e -> assertThat(e.getAddresses()).hasSize(1));
    }

    private static long readyEndpoints(EndpointSlice s) {
        return s.getEndpoints() == null
                ? 0
                : s.getEndpoints().stream()
                        .map(Endpoint::getConditions)
                        .filter(c -> c != null && Boolean.TRUE.equals(c.getReady()))
                        .count();
    }

    @Test
    void updatingADeploymentRollsToANewReplicaSetAndScalesTheOldOneToZero() {
        KubernetesClient k = ns.client();
        var deployments = k.apps().deployments().inNamespace(ns.name());
        deployments.resource(deployment("registry.invalid/web:1", 2)).create();
        deployments
                .withName("web")
                .waitUntilCondition(
                        d -> d.getStatus() != null
                                && Integer.valueOf(2).equals(d.getStatus().getReadyReplicas()),
                        60,
                        TimeUnit.SECONDS);

        deployments.withName("web").edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("registry.invalid/web:2");
            return d;
        });
        deployments
                .withName("web")
                .waitUntilCondition(
                        d -> d.getStatus() != null
                                && d.getStatus().getObservedGeneration() != null
                                && d.getStatus().getObservedGeneration()
                                        >= d.getMetadata().getGeneration()
                                && Integer.valueOf(2).equals(d.getStatus().getUpdatedReplicas())
                                && Integer.valueOf(2).equals(d.getStatus().getAvailableReplicas())
                                && d.getStatus().getReplicas() == 2,
                        60,
                        TimeUnit.SECONDS);

        List<ReplicaSet> sets = k.apps()
                .replicaSets()
                .inNamespace(ns.name())
                .withLabel("app", "web")
                .list()
                .getItems();
        assertThat(sets).hasSize(2);
        Map<String, Integer> replicasByImage = new java.util.HashMap<>();
        sets.forEach(rs -> replicasByImage.put(
                rs.getSpec().getTemplate().getSpec().getContainers().get(0).getImage(),
                rs.getSpec().getReplicas()));
        assertThat(replicasByImage)
                .containsEntry("registry.invalid/web:1", 0)
                .containsEntry("registry.invalid/web:2", 2);
    }

    @Test
    void serverSideApplyOfAnOwnedFieldByAnotherManagerConflicts() {
        KubernetesClient k = ns.client();
        ConfigMap first = new ConfigMapBuilder()
                .withNewMetadata()
                .withName("settings")
                .endMetadata()
                .addToData("color", "blue")
                .build();
        k.configMaps()
                .inNamespace(ns.name())
                .resource(first)
                .fieldManager("kubernetes-delivery")
                .serverSideApply();

        ConfigMap second = new ConfigMapBuilder()
                .withNewMetadata()
                .withName("settings")
                .endMetadata()
                .addToData("color", "green")
                .build();
        assertThatThrownBy(() -> k.configMaps()
                        .inNamespace(ns.name())
                        .resource(second)
                        .fieldManager("someone-else")
                        .serverSideApply())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("conflict").contains("kubernetes-delivery");
                });
        assertThat(k.configMaps()
                        .inNamespace(ns.name())
                        .withName("settings")
                        .get()
                        .getData())
                .containsEntry("color", "blue");
    }

    @Test
    void anInvalidObjectIsRejectedByTheApiServer() {
        KubernetesClient k = ns.client();
        ConfigMap invalid = new ConfigMapBuilder()
                .withNewMetadata()
                .withName("bad")
                .addToLabels("delivery.jenkins.io/release", "v".repeat(64))
                .endMetadata()
                .build();
        assertThatThrownBy(() ->
                        k.configMaps().inNamespace(ns.name()).resource(invalid).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getMessage()).contains("must be no more than 63");
                });
        assertThat(k.configMaps().inNamespace(ns.name()).withName("bad").get()).isNull();
    }
}
