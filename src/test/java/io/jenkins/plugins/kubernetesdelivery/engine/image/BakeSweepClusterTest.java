package io.jenkins.plugins.kubernetesdelivery.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.DeliveryLabels;
import io.jenkins.plugins.kubernetesdelivery.testenv.TestNamespace;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link ImageBaker#sweep} against testenv: bakes left behind (finished, past their deadline, or a Secret without
 * its pod) are deleted once older than the given age; a bake still within its deadline and other objects stay.
 */
@Tag("cluster")
class BakeSweepClusterTest {

    @RegisterExtension
    TestNamespace ns = new TestNamespace();

    KubernetesClient client;

    BakeRequest request(Duration timeout, Map<String, String> labels) {
        return BakeRequest.builder("registry.example.com/shop/web")
                .namespace(ns.name())
                .tags("1.0")
                .timeout(timeout)
                .extraLabels(labels)
                .bakeId(ImageBaker.newBakeId())
                .build();
    }

    /** The pod and its owned Secret, as {@link Bake} creates them. */
    Pod create(BakeRequest r) {
        Pod pod = client.pods()
                .resource(BuilderPod.pod(r, true))
                .fieldManager(DeliveryLabels.FIELD_MANAGER)
                .serverSideApply();
        client.secrets()
                .resource(BuilderPod.secret(r, pod, "{\"auths\":{}}"))
                .fieldManager(DeliveryLabels.FIELD_MANAGER)
                .serverSideApply();
        return pod;
    }

    void waitForPhase(BakeRequest r, String phase) {
        client.pods()
                .inNamespace(ns.name())
                .withName(BakeLabels.podName(r.bakeId()))
                .waitUntilCondition(p -> p != null && phase.equals(p.getStatus().getPhase()), 60, TimeUnit.SECONDS);
    }

    boolean left(String bakeId) {
        return client.pods().inNamespace(ns.name()).withLabel(BakeLabels.BAKE, bakeId).list().getItems().stream()
                        .anyMatch(p -> p.getMetadata().getDeletionTimestamp() == null)
                || !client.secrets()
                        .inNamespace(ns.name())
                        .withLabel(BakeLabels.BAKE, bakeId)
                        .list()
                        .getItems()
                        .isEmpty();
    }

    @Test
    void sweepDeletesFinishedAndOrphanedBakesOlderThanTheAgeAndKeepsRunningOnes() throws Exception {
        client = ns.client();
        try (BakeStages stages = new BakeStages(client)) {
            stages.buildTerminates(false, 1, "Error", "");
            BakeRequest failed = request(Duration.ofHours(3), stages.podLabels());
            create(failed);
            BakeRequest running = request(Duration.ofHours(3), Map.of()); // kwok's default stage: Running
            create(running);
            // never scheduled onto a kubelet that enforces the deadline: stays Pending (no Stage for this value)
            BakeRequest stuck = request(Duration.ofMinutes(10), stages.unstagedPodLabels());
            create(stuck);
            // a Secret whose pod is gone, and which the garbage collector did not take (no ownerReference left, as
            // after a delete with orphan propagation)
            BakeRequest secretOnly = request(Duration.ofMinutes(10), Map.of());
            Secret orphan = BuilderPod.secret(secretOnly, BuilderPod.pod(secretOnly, true), "{\"auths\":{}}");
            orphan.getMetadata().setOwnerReferences(null);
            client.secrets()
                    .resource(orphan)
                    .fieldManager(DeliveryLabels.FIELD_MANAGER)
                    .serverSideApply();
            Secret unrelated = client.secrets()
                    .resource(new SecretBuilder()
                            .withNewMetadata()
                            .withName("unrelated")
                            .withNamespace(ns.name())
                            .endMetadata()
                            .addToStringData("k", "v")
                            .build())
                    .create();
            waitForPhase(failed, "Failed");
            waitForPhase(running, "Running");

            ImageBaker baker = new ImageBaker(client);
            assertThat(baker.sweep(ns.name(), Duration.ofHours(1)))
                    .as("all are younger than an hour")
                    .isEmpty();
            assertThat(left(failed.bakeId())).isTrue();
            assertThat(left(secretOnly.bakeId())).isTrue();

            List<BakeHandle> swept =
                    baker.sweep(ns.name(), Duration.ofHours(1), Instant.now().plus(Duration.ofHours(2)));

            assertThat(swept)
                    .extracting(BakeHandle::bakeId)
                    .containsExactlyInAnyOrder(failed.bakeId(), stuck.bakeId(), secretOnly.bakeId());
            assertThat(swept)
                    .filteredOn(h -> h.bakeId().equals(failed.bakeId()))
                    .singleElement()
                    .satisfies(h -> assertThat(h.repository()).isEqualTo("registry.example.com/shop/web"));
            assertThat(left(failed.bakeId())).isFalse();
            assertThat(left(stuck.bakeId())).isFalse();
            assertThat(left(secretOnly.bakeId())).isFalse();
            assertThat(left(running.bakeId())).isTrue();
            assertThat(client.secrets()
                            .inNamespace(ns.name())
                            .withName(BakeLabels.secretName(running.bakeId()))
                            .get())
                    .isNotNull();
            assertThat(client.secrets().resource(unrelated).get()).isNotNull();
        }
    }

    @Test
    void aNegativeAgeIsRejected() {
        client = ns.client();
        assertThatThrownBy(() -> new ImageBaker(client).sweep(ns.name(), Duration.ofMinutes(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("olderThan");
    }
}
