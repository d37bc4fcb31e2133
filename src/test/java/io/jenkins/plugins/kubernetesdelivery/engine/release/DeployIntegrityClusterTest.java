package io.jenkins.plugins.kubernetesdelivery.engine.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.jenkins.plugins.kubernetesdelivery.testenv.KwokStages;
import io.jenkins.plugins.kubernetesdelivery.testenv.TestNamespace;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Deploys whose end goes wrong, against testenv: the final history write fails after the switch (audit D-13), the
 * previews after a failed deploy, and the reason of a release with an init container that never gets ready.
 */
@Tag("cluster")
class DeployIntegrityClusterTest {

    @RegisterExtension
    TestNamespace ns = new TestNamespace();

    /**
     * D-13: the history write after the switch fails (here the ConfigMap is made immutable as the switch lands, so
     * no retry can help). The deploy reports that its release is live, nothing is undone, and the next deploy
     * records it as live instead of switching back to the release before it.
     */
    @Test
    void aFailedFinalHistoryWriteLeavesTheReleaseLiveAndTheNextDeployRecordsIt() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        f.engine().deploy(f.request(1).build());
        ReleaseEngine engine = new ReleaseEngine(
                ns.client(),
                line -> {
                    f.lines.add(line);
                    if (line.contains("switched from v1 to v2")) {
                        ns.client()
                                .configMaps()
                                .inNamespace(ns.name())
                                .withName("web-releases")
                                .edit(c -> {
                                    c.setImmutable(true);
                                    return c;
                                });
                    }
                },
                Clock.systemUTC());

        assertThatThrownBy(() -> engine.deploy(f.request(2).build()))
                .isInstanceOf(ReleaseException.class)
                .hasMessageContaining(ns.name() + "/web v2 is live (its Services were switched), but recording it in"
                        + " the history failed: cannot write the history ConfigMap " + ns.name() + "/web-releases")
                .hasMessageContaining("Nothing was undone");
        assertThat(f.selectedRelease("web")).isEqualTo("v2");
        assertThat(f.specReplicas("web-v2")).as("not retired").isEqualTo(2);

        // an administrator makes the history writable again (same content)
        ConfigMap stuck = ns.client()
                .configMaps()
                .inNamespace(ns.name())
                .withName("web-releases")
                .get();
        ns.client()
                .configMaps()
                .inNamespace(ns.name())
                .resource(stuck)
                .withGracePeriod(0)
                .delete();
        ns.client()
                .configMaps()
                .inNamespace(ns.name())
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("web-releases")
                        .withLabels(stuck.getMetadata().getLabels())
                        .endMetadata()
                        .withData(stuck.getData())
                        .build())
                .create();

        DeployResult v3 = f.engine().deploy(f.request(3).build());
        assertThat(v3.previous()).as("v2 was recorded as live, not undone").isEqualTo("v2");
        ReleaseHistory h = f.engine().history("web", ns.name());
        assertThat(h.entries())
                .extracting(ReleaseHistory.Entry::release, ReleaseHistory.Entry::outcome)
                .startsWith(
                        org.assertj.core.groups.Tuple.tuple("v3", "succeeded"),
                        org.assertj.core.groups.Tuple.tuple("v2", "succeeded"));
        assertThat(h.entries().get(1).message()).contains("its switch had landed");
        f.assertHistory("v3", "v2");
    }

    /** Item 6 of the brief: after a failed deploy, the preview Services preview the live release again. */
    @Test
    void afterAFailedDeployThePreviewSelectsTheLiveReleaseAgain() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        f.engine().deploy(f.request(1).build());
        assertThatThrownBy(() -> f.engine()
                        .deploy(f.request(2)
                                .manifests(List.of())
                                .manifest(
                                        "k8s/web.yaml",
                                        ClusterFixture.manifests(
                                                "web", 2, Map.of(KwokStages.LABEL, "never-" + UUID.randomUUID())))
                                .rolloutTimeout(Duration.ofSeconds(5))
                                .build()))
                .isInstanceOf(ReleaseException.class);
        assertThat(f.selectedRelease("web-preview")).isEqualTo("v1");
        f.awaitEndpoints("web-preview", ClusterFixture.allOf("web-v1"));
        assertThat(ns.client()
                        .services()
                        .inNamespace(ns.name())
                        .withName("web-preview")
                        .get()
                        .getSpec()
                        .getSelector())
                .isEqualTo(ns.client()
                        .services()
                        .inNamespace(ns.name())
                        .withName("web")
                        .get()
                        .getSpec()
                        .getSelector());
    }

    /** A Deployment with an init container that succeeded and an app container that never gets ready. */
    private static String withInitContainer(String stage) {
        return ClusterFixture.manifests("web", 1, Map.of(KwokStages.LABEL, stage))
                .replace(
                        "    spec:\n      containers:\n",
                        "    spec:\n      initContainers:\n"
                                + "      - name: migrate-check\n        image: web\n      containers:\n");
    }

    /**
     * Item 5 of the brief: the reason names the app container that is not ready, never the init container that
     * completed; in the exception, the history entry and the Deployment's failure annotation alike.
     */
    @Test
    void aReleaseWithACompletedInitContainerFailsNamingTheAppContainer() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        try (KwokStages stages = new KwokStages(ns.client(), "init")) {
            stages.stage("pod")
                    .when(".status.containerStatuses", "DoesNotExist")
                    .create("phase: Running\n"
                            + KwokStages.statuses(
                                    "initContainers",
                                    false,
                                    0,
                                    "state: {terminated: {exitCode: 0, reason: Completed}}\n")
                            + KwokStages.statuses("containers", false, 0, "state: {running: {}}\n"));
            assertThatThrownBy(() -> f.engine()
                            .deploy(f.request(1)
                                    .manifests(List.of())
                                    .manifest("k8s/web.yaml", withInitContainer(stages.value()))
                                    .rolloutTimeout(Duration.ofSeconds(5))
                                    .build()))
                    .isInstanceOf(ReleaseException.class)
                    .hasMessageContaining("container web: not ready")
                    .hasMessageNotContaining("migrate-check");
        }
        ReleaseHistory.Entry e = f.engine().history("web", ns.name()).entries().get(0);
        assertThat(e.message()).contains("container web: not ready").doesNotContain("migrate-check");
        assertThat(ns.client()
                        .apps()
                        .deployments()
                        .inNamespace(ns.name())
                        .withName("web-v1")
                        .get()
                        .getMetadata()
                        .getAnnotations()
                        .get(ReleaseLabels.FAILURE))
                .contains("container web: not ready")
                .doesNotContain("migrate-check");
    }
}
