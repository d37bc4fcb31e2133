package io.jenkins.plugins.kubernetesdelivery.engine.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.kubernetesdelivery.testenv.KwokStages;
import io.jenkins.plugins.kubernetesdelivery.testenv.TestNamespace;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The verification Job gates the switch: kwok completes Job pods with exit 0 unless a Stage says otherwise. */
@Tag("cluster")
class VerificationClusterTest {

    @RegisterExtension
    TestNamespace ns = new TestNamespace();

    static final String CHECK = "curlimages/curl@sha256:" + "c".repeat(64);

    @Test
    void aPassingCheckLetsTheSwitchHappen() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        DeployResult r = f.engine()
                .deploy(f.request(1)
                        .verification(new Verification(CHECK, List.of("curl", "-fsS", "http://web-preview/healthz")))
                        .build());
        assertThat(r.release()).isEqualTo("v1");
        assertThat(f.lines).contains("verification Job " + ns.name() + "/web-v1-verify passed");
    }

    @Test
    void aFailingCheckKeepsTheLiveRelease() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        f.engine().deploy(f.request(1).build());
        try (KwokStages stages = f.podStages("verify", "Failed", 0, """
                state:
                  terminated:
                    exitCode: 22
                    reason: Error
                """)) {
            assertThatThrownBy(() -> f.engine()
                            .deploy(f.request(2)
                                    .verification(new Verification(
                                            CHECK,
                                            List.of("curl", "-fsS", "http://web-preview/healthz"),
                                            stages.podLabels()))
                                    .build()))
                    .isInstanceOf(ReleaseException.class)
                    .hasMessageContaining("verification Job " + ns.name() + "/web-v2-verify failed: pod")
                    .hasMessageContaining("container verify: Error (exit code 22)")
                    .hasMessageContaining("v1 stays live");
            assertThat(f.selectedRelease("web")).isEqualTo("v1");
            assertThat(f.specReplicas("web-v2")).isZero();
        }
    }
}
