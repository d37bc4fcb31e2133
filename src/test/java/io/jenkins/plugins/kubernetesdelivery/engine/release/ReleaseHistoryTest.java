package io.jenkins.plugins.kubernetesdelivery.engine.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The history.json format is a contract (docs/releases.md): field names, bounds, tolerance of unknown fields. */
class ReleaseHistoryTest {

    private static ReleaseHistory.Entry entry(int n) {
        return new ReleaseHistory.Entry(
                "op" + n,
                "deploy",
                "v" + n,
                n > 1 ? "v" + (n - 1) : null,
                "succeeded",
                null,
                "alice",
                "2026-11-27T01:00:00Z",
                List.of("web@sha256:" + "a".repeat(64)),
                "abc1234",
                null,
                "1",
                null,
                null,
                "v" + n,
                n > 1 ? "v" + (n - 1) : null,
                null);
    }

    @Test
    void writesTheDocumentedFieldNamesAndLeavesOutAbsentOnes() throws Exception {
        ReleaseHistory h = ReleaseHistory.empty()
                .allocate(new ReleaseHistory.Operation(
                        "op1", "deploy", "v1", null, "allocated", "alice", "2026-11-27T01:00:00Z"))
                .finish(entry(1), "v1", null, new ReleaseHistory.Pin("v1", "bob", "bad", "2026-11-27T02:00:00Z"));
        String json = Serialization.jsonMapper().writeValueAsString(h);
        assertThat(json)
                .contains(
                        "\"format\":1",
                        "\"lastRelease\":1",
                        "\"live\":\"v1\"",
                        "\"pin\":{\"release\":\"v1\"",
                        "\"entries\":[{\"operation\":\"op1\",\"action\":\"deploy\",\"release\":\"v1\"",
                        "\"outcome\":\"succeeded\"",
                        "\"gitCommit\":\"abc1234\"",
                        "\"schemaVersion\":\"1\"")
                .doesNotContain("\"previous\"", "\"current\"", "null", "\"succeeded\":");
        assertThat(Serialization.jsonMapper().readValue(json, ReleaseHistory.class))
                .isEqualTo(h);
    }

    @Test
    void readsHistoriesWithFieldsItDoesNotKnow() throws Exception {
        ReleaseHistory h = Serialization.jsonMapper()
                .readValue(
                        "{\"format\":1,\"lastRelease\":3,\"live\":\"v3\","
                                + "\"futureField\":{\"x\":1},\"entries\":[{\"release\":\"v3\",\"outcome\":\"succeeded\",\"new\":true}]}",
                        ReleaseHistory.class);
        assertThat(h.live()).isEqualTo("v3");
        assertThat(h.entries())
                .singleElement()
                .extracting(ReleaseHistory.Entry::release)
                .isEqualTo("v3");
    }

    @Test
    void keepsTheNewestEntriesFirstAndBounded() {
        ReleaseHistory h = ReleaseHistory.empty();
        for (int i = 1; i <= ReleaseHistory.MAX_ENTRIES + 7; i++) {
            h = h.allocate(null).finish(entry(i), "v" + i, null, null);
        }
        assertThat(h.entries()).hasSize(ReleaseHistory.MAX_ENTRIES);
        assertThat(h.entries().get(0).release()).isEqualTo("v" + (ReleaseHistory.MAX_ENTRIES + 7));
        assertThat(h.entries().get(ReleaseHistory.MAX_ENTRIES - 1).release()).isEqualTo("v8");
        assertThat(h.entryOf("op57")).isPresent();
        assertThat(h.entryOf("op7")).isEmpty();
        assertThat(h.lastRelease()).isEqualTo(ReleaseHistory.MAX_ENTRIES + 7);
    }

    private static final ReleaseHistory.Operation DEPLOY =
            new ReleaseHistory.Operation("op9", "deploy", "v9", "v8", "applied", "alice", "2026-11-27T01:00:00Z");
    private static final ReleaseMetadata V9 = new ReleaseMetadata(
            "web",
            9,
            List.of("web@sha256:" + "b".repeat(64)),
            "abc1234",
            "https://ci/job/web/9/",
            "2",
            "carol",
            "alice",
            Instant.parse("2026-11-27T01:00:00Z"));

    @Test
    void aDeployEntryRecordsTheReleaseAndWhoStartedIt() {
        ReleaseHistory.Entry e = ReleaseHistory.Entry.deploy(
                DEPLOY, V9, "failed", "rollout\ntimed out", "2026-11-27T01:05:00Z", true, "v8", "v7");

        assertThat(e)
                .isEqualTo(new ReleaseHistory.Entry(
                        "op9",
                        "deploy",
                        "v9",
                        "v8",
                        "failed",
                        "rollout timed out",
                        "alice",
                        "2026-11-27T01:05:00Z",
                        V9.images(),
                        "abc1234",
                        "https://ci/job/web/9/",
                        "2",
                        "carol",
                        "unpinned",
                        "v8",
                        "v7",
                        null));
        assertThat(e.succeeded()).isFalse();
    }

    @Test
    void aSucceededRollbackPinsItsTargetAndAFailedOneRecordsNoReleaseDetails() {
        ReleaseHistory.Operation op = new ReleaseHistory.Operation(
                "op10", "rollback", "v7", "v9", "switching", "bob", "2026-11-27T02:00:00Z");
        ReleaseMetadata v7 = new ReleaseMetadata(
                "web", 7, List.of("web@sha256:" + "c".repeat(64)), null, null, "2", null, "alice", Instant.EPOCH);

        ReleaseHistory.Entry ok = ReleaseHistory.Entry.rollback(
                op, v7, ReleaseHistory.Outcome.SUCCEEDED, null, "2026-11-27T02:01:00Z", "errors after v9", "v7", "v9");
        ReleaseHistory.Entry failed = ReleaseHistory.Entry.rollback(
                op,
                null,
                ReleaseHistory.Outcome.FAILED,
                "v7 has no ready pod",
                "2026-11-27T02:01:00Z",
                null,
                "v9",
                "v8");

        assertThat(ok)
                .isEqualTo(new ReleaseHistory.Entry(
                        "op10",
                        "rollback",
                        "v7",
                        "v9",
                        "succeeded",
                        null,
                        "bob",
                        "2026-11-27T02:01:00Z",
                        v7.images(),
                        null,
                        null,
                        "2",
                        null,
                        "errors after v9",
                        "v7",
                        "v9",
                        "v7"));
        assertThat(ok.succeeded()).isTrue();
        assertThat(failed)
                .isEqualTo(new ReleaseHistory.Entry(
                        "op10",
                        "rollback",
                        "v7",
                        "v9",
                        "failed",
                        "v7 has no ready pod",
                        "bob",
                        "2026-11-27T02:01:00Z",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "v9",
                        "v8",
                        null));
    }

    @Test
    void anAbandonedOperationKeepsItsActionAndFails() {
        ReleaseHistory.Entry e = ReleaseHistory.Entry.abandoned(
                DEPLOY, "abandoned: its process stopped", "2026-11-27T03:00:00Z", "v8", "v7");

        assertThat(e)
                .isEqualTo(new ReleaseHistory.Entry(
                        "op9",
                        "deploy",
                        "v9",
                        "v8",
                        "failed",
                        "abandoned: its process stopped",
                        "alice",
                        "2026-11-27T03:00:00Z",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "v8",
                        "v7",
                        null));
    }
}
