package io.jenkins.plugins.kubernetesdelivery.steps.bake;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.DeliveryLabels;
import io.jenkins.plugins.kubernetesdelivery.engine.image.BakeHandle;
import io.jenkins.plugins.kubernetesdelivery.engine.image.BakeLabels;
import io.jenkins.plugins.kubernetesdelivery.testenv.TestNamespace;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The periodic sweep's call against testenv: in the target's namespace, a builder pod past its deadline and a
 * registry Secret without its pod are deleted and logged; a bake within its deadline and an unrelated Secret stay.
 */
@Tag("cluster")
class BuilderPodSweeperClusterTest {

    @RegisterExtension
    TestNamespace ns = new TestNamespace();

    static Map<String, String> bakeLabels(String bakeId) {
        return Map.of(
                DeliveryLabels.MANAGED_BY,
                DeliveryLabels.FIELD_MANAGER,
                DeliveryLabels.COMPONENT,
                BakeLabels.COMPONENT_VALUE,
                BakeLabels.BAKE,
                bakeId);
    }

    /** A builder pod that no node takes (it stays Pending), with the given deadline. */
    Pod pod(String bakeId, long deadlineSeconds) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(BakeLabels.podName(bakeId))
                .withNamespace(ns.name())
                .withLabels(bakeLabels(bakeId))
                .withAnnotations(Map.of(BakeLabels.REPOSITORY, "registry.example.com/shop/web", BakeLabels.TAGS, "1.0"))
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withActiveDeadlineSeconds(deadlineSeconds)
                .withNodeSelector(Map.of("testenv.delivery.jenkins.io/no-such-node", "true"))
                .addNewContainer()
                .withName("build")
                .withImage("example.invalid/builder:1")
                .endContainer()
                .endSpec()
                .build();
    }

    @Test
    void sweepsOrphansInTheTargetsNamespaceAndLogsThem() throws Exception {
        KubernetesClient client = ns.client();
        client.resource(pod("orphan0001", 1)).create();
        client.resource(pod("running001", 3600)).create();
        client.resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName(BakeLabels.secretName("nopod00001"))
                        .withNamespace(ns.name())
                        .withLabels(bakeLabels("nopod00001"))
                        .endMetadata()
                        .withStringData(Map.of("x", "y"))
                        .build())
                .create();
        client.resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("unrelated")
                        .withNamespace(ns.name())
                        .endMetadata()
                        .withStringData(Map.of("x", "y"))
                        .build())
                .create();
        Thread.sleep(2500); // the orphan's deadline of 1 s passes (creation times have a resolution of 1 s)
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        List<BakeHandle> swept = BuilderPodSweeper.sweep(
                client,
                new SweepTargets.Target("testenv", ns.name()),
                Duration.ZERO,
                new PrintStream(log, true, StandardCharsets.UTF_8));

        assertThat(swept).extracting(BakeHandle::bakeId).containsExactlyInAnyOrder("orphan0001", "nopod00001");
        assertThat(client.pods().inNamespace(ns.name()).list().getItems())
                .extracting(p -> p.getMetadata().getName())
                .containsExactly(BakeLabels.podName("running001"));
        assertThat(client.secrets()
                        .inNamespace(ns.name())
                        .withName(BakeLabels.secretName("nopod00001"))
                        .get())
                .isNull();
        assertThat(client.secrets().inNamespace(ns.name()).withName("unrelated").get())
                .isNotNull();
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains(
                        "deleted builder pod " + ns.name() + "/bake-orphan0001 left behind in cluster testenv"
                                + " (registry.example.com/shop/web)",
                        "deleted builder pod " + ns.name() + "/bake-nopod00001 left behind in cluster testenv"
                                + " (its registry Secret only)");
    }

    @Test
    void aYoungOrphanWaitsForTheAge() throws Exception {
        KubernetesClient client = ns.client();
        client.resource(pod("orphan0002", 1)).create();
        Thread.sleep(2500);

        List<BakeHandle> swept = BuilderPodSweeper.sweep(
                client,
                new SweepTargets.Target("testenv", ns.name()),
                BuilderPodSweeper.AGE,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertThat(swept).isEmpty();
        assertThat(client.pods()
                        .inNamespace(ns.name())
                        .withName(BakeLabels.podName("orphan0002"))
                        .get())
                .isNotNull();
    }
}
