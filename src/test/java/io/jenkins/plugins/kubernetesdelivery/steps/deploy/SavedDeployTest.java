package io.jenkins.plugins.kubernetesdelivery.steps.deploy;

import static io.jenkins.plugins.kubernetesdelivery.steps.deploy.DeployFixtures.MANIFEST_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseHandle;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseRequest;
import io.jenkins.plugins.kubernetesdelivery.engine.release.Verification;
import io.jenkins.plugins.kubernetesdelivery.steps.RiverPickles;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The saved form of a deploy: the same request after a restart, and no manifest text in the program state. */
class SavedDeployTest {

    private static final ReleaseHandle HANDLE = ReleaseHandle.create(ReleaseHandle.Kind.DEPLOY, "web", "shop");

    private static ReleaseRequest full() {
        return ReleaseRequest.builder("web", "shop")
                .manifest("k8s/web.yaml", DeployFixtures.webManifests())
                .manifest("k8s/extra.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra}\n")
                .image(DeployFixtures.WEB)
                .image("migrate=" + DeployFixtures.MIGRATIONS)
                .service("web")
                .schemaVersion("42")
                .gitCommit(DeployFixtures.COMMIT)
                .buildUrl(DeployFixtures.BUILD_URL)
                .approver("carol")
                .actor("alice")
                .keep(7)
                .rolloutTimeout(Duration.ofSeconds(90))
                .lockTimeout(Duration.ofSeconds(5))
                .verification(new Verification(
                        "curlimages/curl@" + DeployFixtures.DIGEST, List.of("curl", "-fsS"), Map.of("team", "shop")))
                .allowTags(true)
                .unpin(true)
                .build();
    }

    @Test
    void aRestartGivesBackTheSameRequest() throws Exception {
        for (ReleaseRequest r : List.of(
                full(),
                ReleaseRequest.builder("web", "shop")
                        .image(DeployFixtures.WEB)
                        .simple(9090, 3)
                        .build())) {
            SavedDeploy restored = RiverPickles.roundTrip(new SavedDeploy(HANDLE, r));
            assertThat(restored.handle()).isEqualTo(HANDLE);
            assertThat(restored.request()).isEqualTo(r);
            assertThat(restored.request().inputHash()).isEqualTo(r.inputHash());
        }
    }

    @Test
    void theProgramStateHoldsNoManifestText() throws Exception {
        assertThat(DeployFixtures.webManifests()).contains(MANIFEST_SECRET);
        RiverPickles.Pickled pickled = RiverPickles.pickle(new SavedDeploy(HANDLE, full()));
        String program = new String(pickled.program(), StandardCharsets.ISO_8859_1);
        assertThat(program)
                .doesNotContain(MANIFEST_SECRET)
                .doesNotContain("web-credentials")
                .contains("k8s/web.yaml")
                .contains(HANDLE.operationId());
        assertThat(pickled.ephemerals())
                .as("one Secret per manifest, written encrypted by Pipeline")
                .hasSize(2);
        assertThat(new SavedDeploy(HANDLE, full()).toString())
                .contains("k8s/web.yaml")
                .doesNotContain(MANIFEST_SECRET);
    }
}
