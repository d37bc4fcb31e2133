package io.jenkins.plugins.kubernetesdelivery.engine.release.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.DeliveryLabels;
import io.jenkins.plugins.kubernetesdelivery.engine.release.Fixtures;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseLabels;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden-file test of the rendered release objects. To accept a deliberate change, run with
 * {@code -Dgolden.update=true} and review the diff of the golden file.
 */
class ReleaseRendererTest {

    static final Instant AT = Instant.parse("2026-11-27T01:00:00Z");
    static final String GOLDEN = "web-v8-rendered.yaml";

    @Test
    void rendersRealisticManifestsLikeTheGoldenFile() throws IOException {
        List<String> problems = new ArrayList<>();
        RenderedRelease rendered = ReleaseRenderer.render(Fixtures.webRequest().build(), 8, AT, problems);
        assertThat(problems).isEmpty();

        StringBuilder yaml = new StringBuilder();
        for (GenericKubernetesResource o : rendered.all()) {
            yaml.append(Serialization.asYaml(o));
        }
        String actual = yaml.toString();
        if (Boolean.getBoolean("golden.update")) {
            Path p = Path.of(
                    System.getProperty("kubernetesdelivery.root", "."),
                    "src/test/resources/io/jenkins/plugins/kubernetesdelivery/engine/release/render",
                    GOLDEN);
            Files.writeString(p, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Fixtures.resource(ReleaseRendererTest.class, GOLDEN));
    }

    @Test
    void releaseObjectsCarryTheReleaseAndReferencesFollowTheSuffix() {
        List<String> problems = new ArrayList<>();
        RenderedRelease r = ReleaseRenderer.render(Fixtures.webRequest().build(), 8, AT, problems);
        assertThat(problems).isEmpty();
        assertThat(r.deployments()).singleElement().satisfies(d -> {
            assertThat(d.getMetadata().getName()).isEqualTo("web-v8");
            assertThat((Map<String, String>) d.get("spec", "selector", "matchLabels"))
                    .containsEntry("app", "web")
                    .containsEntry(ReleaseLabels.RELEASE, "v8");
            assertThat((Map<String, String>) d.get("spec", "template", "metadata", "labels"))
                    .containsEntry(ReleaseLabels.RELEASE, "v8")
                    .containsEntry(ReleaseLabels.APP, "web");
            assertThat((String) d.get("spec", "template", "spec", "containers", 0, "image"))
                    .isEqualTo(Fixtures.WEB);
            assertThat((String) d.get("spec", "template", "spec", "initContainers", 0, "image"))
                    .isEqualTo(Fixtures.MIGRATIONS);
            assertThat((String) d.get("spec", "template", "spec", "volumes", 0, "configMap", "name"))
                    .isEqualTo("web-config-v8");
            assertThat((String) d.get(
                            "spec", "template", "spec", "containers", 0, "env", 0, "valueFrom", "secretKeyRef", "name"))
                    .isEqualTo("web-credentials-v8");
            // not in the manifests: left alone
            assertThat((String) d.get(
                            "spec",
                            "template",
                            "spec",
                            "containers",
                            0,
                            "env",
                            1,
                            "valueFrom",
                            "configMapKeyRef",
                            "name"))
                    .isEqualTo("shared-settings");
            assertThat(d.getMetadata().getAnnotations())
                    .containsEntry(ReleaseLabels.IMAGES, Fixtures.MIGRATIONS + "," + Fixtures.WEB)
                    .containsEntry(ReleaseLabels.SCHEMA_VERSION, "42")
                    .containsEntry(ReleaseLabels.REPLICAS, "3");
        });
        assertThat(r.configs())
                .extracting(o -> o.getMetadata().getName())
                .containsExactly("web-config-v8", "web-credentials-v8");
        assertThat(r.services()).singleElement().satisfies(s -> {
            assertThat(s.main().getMetadata().getLabels()).doesNotContainKey(ReleaseLabels.RELEASE);
            assertThat((Map<String, String>) s.main().get("spec", "selector"))
                    .containsEntry("app", "web")
                    .containsEntry(ReleaseLabels.RELEASE, "v8");
            assertThat(s.preview().getMetadata().getName()).isEqualTo("web-preview");
            assertThat((Map<String, String>) s.preview().get("spec", "selector"))
                    .containsEntry(ReleaseLabels.RELEASE, "v8");
        });
        assertThat(r.others())
                .extracting(GenericKubernetesResource::getKind)
                .containsExactly("Ingress", "ServiceMonitor");
        // shared by releases: the app's labels, nothing that changes from one release to the next (SharedObjects)
        assertThat(r.others()).allSatisfy(o -> {
            assertThat(o.getMetadata().getLabels())
                    .containsEntry(ReleaseLabels.APP, "web")
                    .doesNotContainKey(ReleaseLabels.RELEASE)
                    .doesNotContainKey(DeliveryLabels.VERSION);
            assertThat(
                            o.getMetadata().getAnnotations() == null
                                    ? Map.of()
                                    : o.getMetadata().getAnnotations())
                    .doesNotContainKey(ReleaseLabels.DEPLOYED_AT);
        });
    }

    @Test
    void generatesTheSimpleCase() {
        List<String> problems = new ArrayList<>();
        ReleaseRequest req = ReleaseRequest.builder("api", "shop")
                .image(Fixtures.WEB)
                .simple(8080, 2)
                .build();
        RenderedRelease r = ReleaseRenderer.render(req, 1, AT, problems);
        assertThat(problems).isEmpty();
        assertThat(r.deployments()).singleElement().satisfies(d -> {
            assertThat(d.getMetadata().getName()).isEqualTo("api-v1");
            assertThat((Integer) d.get("spec", "replicas")).isEqualTo(2);
            assertThat((String) d.get("spec", "template", "spec", "containers", 0, "image"))
                    .isEqualTo(Fixtures.WEB);
        });
        assertThat(r.services()).extracting(RenderedRelease.ServicePair::name).containsExactly("api");
    }
}
