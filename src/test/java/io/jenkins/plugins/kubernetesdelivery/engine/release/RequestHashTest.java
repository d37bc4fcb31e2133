package io.jenkins.plugins.kubernetesdelivery.engine.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** {@link ReleaseRequest#inputHash()}: what a resumed deploy must match, and how it is recorded. */
class RequestHashTest {

    private static final ReleaseRequest BASE = Fixtures.webRequest()
            .service("web")
            .verification(new Verification(
                    "curlimages/curl@" + Fixtures.DIGEST,
                    List.of("curl", "http://web-preview"),
                    Map.of("a", "1", "b", "2")))
            .build();

    private static String changed(UnaryOperator<ReleaseRequest.Builder> change) {
        return change.apply(BASE.toBuilder()).build().inputHash();
    }

    @Test
    void anEqualRequestHashesEqually() {
        assertThat(BASE.inputHash())
                .matches("sha256:[0-9a-f]{64}")
                .isEqualTo(BASE.toBuilder().build().inputHash());
        assertThat(changed(b -> b.verification(new Verification(
                        "curlimages/curl@" + Fixtures.DIGEST,
                        List.of("curl", "http://web-preview"),
                        Map.of("b", "2", "a", "1")))))
                .as("label order does not count")
                .isEqualTo(BASE.inputHash());
    }

    @Test
    void theTimeoutsAreLeftOut() {
        assertThat(changed(b -> b.rolloutTimeout(Duration.ofMinutes(3)).lockTimeout(Duration.ofSeconds(1))))
                .isEqualTo(BASE.inputHash());
    }

    @Test
    void everythingThatReachesTheClusterCounts() {
        List<UnaryOperator<ReleaseRequest.Builder>> changes = List.of(
                b -> b.manifests(List.of(new ManifestFile(
                        "k8s/web.yaml", Fixtures.resource("web-manifests.yaml") + "\n# one more line\n"))),
                b -> b.manifests(List.of(new ManifestFile("k8s/other.yaml", Fixtures.resource("web-manifests.yaml")))),
                b -> b.images(List.of(Fixtures.WEB)),
                b -> b.simple(8080, 2),
                b -> b.services(List.of()),
                b -> b.schemaVersion("43"),
                b -> b.gitCommit("fedcba9876543210fedcba9876543210fedcba98"),
                b -> b.buildUrl("https://ci.example.com/job/shop/job/web/18/"),
                b -> b.approver("dave"),
                b -> b.actor("bob"),
                b -> b.keep(3),
                b -> b.verification(null),
                b -> b.verification(new Verification("curlimages/curl@" + Fixtures.DIGEST, List.of("curl"))),
                b -> b.allowTags(true),
                b -> b.unpin(true),
                b -> b.allowClusterScoped(true));
        for (int i = 0; i < changes.size(); i++) {
            assertThat(changed(changes.get(i))).as("change " + i).isNotEqualTo(BASE.inputHash());
        }
        // values are length-prefixed: moving text from one value to the next changes the hash
        assertThat(ReleaseRequest.builder("web", "shop")
                        .image("ab")
                        .image("c")
                        .build()
                        .inputHash())
                .isNotEqualTo(ReleaseRequest.builder("web", "shop")
                        .image("a")
                        .image("bc")
                        .build()
                        .inputHash());
    }

    @Test
    void theHashIsRecordedWithTheOperationAndOlderRecordsReadWithoutIt() throws Exception {
        ReleaseHistory.Operation op = new ReleaseHistory.Operation(
                "op1", "deploy", "v1", null, "allocated", "alice", "2026-11-27T01:00:00Z", BASE.inputHash());
        String json = Serialization.jsonMapper()
                .writeValueAsString(ReleaseHistory.empty().allocate(op));
        assertThat(json).contains("\"requestHash\":\"" + BASE.inputHash() + "\"");
        ReleaseHistory read = Serialization.jsonMapper().readValue(json, ReleaseHistory.class);
        assertThat(read.current()).isEqualTo(op);
        assertThat(read.current().withPhase("applied").requestHash()).isEqualTo(BASE.inputHash());

        ReleaseHistory older = Serialization.jsonMapper()
                .readValue(
                        "{\"format\":1,\"lastRelease\":1,\"current\":"
                                + "{\"id\":\"op1\",\"action\":\"deploy\",\"release\":\"v1\",\"phase\":\"applied\"}}",
                        ReleaseHistory.class);
        assertThat(older.current().requestHash()).isNull();
        assertThat(Serialization.jsonMapper().writeValueAsString(older)).doesNotContain("requestHash");
    }
}
