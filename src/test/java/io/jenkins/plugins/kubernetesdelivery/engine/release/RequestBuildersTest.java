package io.jenkins.plugins.kubernetesdelivery.engine.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code toBuilder()} copies every value, so a caller changes one field without re-typing the others. */
class RequestBuildersTest {

    @Test
    void aReleaseRequestCopiesEveryValue() {
        ReleaseRequest full = Fixtures.webRequest()
                .service("web")
                .keep(7)
                .rolloutTimeout(Duration.ofMinutes(3))
                .lockTimeout(Duration.ofSeconds(30))
                .allowTags(true)
                .unpin(true)
                .allowClusterScoped(true)
                .verification(new Verification(
                        "curl@sha256:" + "c".repeat(64), List.of("curl", "http://web"), Map.of("role", "check")))
                .build();

        assertThat(full.toBuilder().build()).isEqualTo(full);
        assertThat(full.toBuilder().keep(3).build())
                .isEqualTo(new ReleaseRequest(
                        full.app(),
                        full.namespace(),
                        full.images(),
                        full.manifests(),
                        full.simple(),
                        full.services(),
                        full.schemaVersion(),
                        full.gitCommit(),
                        full.buildUrl(),
                        full.approver(),
                        full.actor(),
                        3,
                        full.rolloutTimeout(),
                        full.lockTimeout(),
                        full.verification(),
                        full.allowTags(),
                        full.unpin(),
                        true,
                        false));
    }

    @Test
    void aGeneratedReleaseKeepsItsPortAndReplicas() {
        ReleaseRequest simple = ReleaseRequest.builder("api", "shop")
                .image(Fixtures.WEB)
                .simple(8080, 2)
                .build();

        assertThat(simple.toBuilder().build()).isEqualTo(simple);
        assertThat(simple.toBuilder()
                        .images(List.of("api=" + Fixtures.WEB))
                        .build()
                        .images())
                .containsExactly("api=" + Fixtures.WEB);
    }

    @Test
    void aRollbackRequestCopiesEveryValue() {
        RollbackRequest full = RollbackRequest.builder("web", "shop")
                .target("v7")
                .actor("bob")
                .reason("errors")
                .allowSchemaChange(true)
                .timeout(Duration.ofMinutes(1))
                .lockTimeout(Duration.ofSeconds(5))
                .build();

        assertThat(full.toBuilder().build()).isEqualTo(full);
        assertThat(RollbackRequest.builder("web", "shop").build())
                .isEqualTo(new RollbackRequest("web", "shop", null, null, null));
        assertThat(full.target()).isEqualTo("v7");
        assertThat(RollbackRequest.builder("web", "shop").build().target()).isEqualTo("previous");
    }
}
