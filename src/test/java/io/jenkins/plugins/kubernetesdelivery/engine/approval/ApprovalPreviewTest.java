package io.jenkins.plugins.kubernetesdelivery.engine.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseInfo;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseMetadata;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What approvers see: candidate against live, the commits between, a schema change; plain text only. */
class ApprovalPreviewTest {

    private static final Candidate CANDIDATE = new Candidate(
            "web",
            "c0ffee00000000000000000000000000000000012",
            List.of("registry.example.com/shop/web@sha256:" + "b".repeat(64)),
            "42",
            "v5 in staging");

    @Test
    void candidateAgainstLiveWithTheCommitsBetween() {
        ApprovalPreview p = new ApprovalPreview(
                "production",
                "shop",
                CANDIDATE,
                live("v8", "41"),
                8,
                Commits.of(List.of(
                        new Commit("c0ffee0000000000000000000000000000000012", "alice", "Fix the cart\n\nlong"),
                        new Commit("beef000000000000000000000000000000000011", "erin", "Add a banner"))));

        assertThat(p.lines())
                .containsExactly(
                        "candidate for production: web at commit c0ffee000000, images registry.example.com/shop/web@sha256:"
                                + "b".repeat(64)
                                + ", schema 42, deployed by this build as v5 in staging; it becomes release"
                                + " v9",
                        "live in production (shop): web v8, commit 1234567890ab, images registry.example.com/shop/web@sha256:"
                                + "a".repeat(64)
                                + ", schema 41, deployed by bob at 2026-11-27T01:12:00Z, approved by carol",
                        "commits since v8 (2):",
                        "  c0ffee000000 alice: Fix the cart",
                        "  beef00000000 erin: Add a banner",
                        "WARNING: the schema version changes from 41 to 42: check the migration, and that a rollback to v8"
                                + " still works, before approving");
        assertThat(p.nextRelease()).isEqualTo("v9");
        assertThat(p.schemaChanges()).isTrue();
    }

    @Test
    void anUnchangedSchemaAndNoCommits() {
        ApprovalPreview p =
                new ApprovalPreview("production", "shop", CANDIDATE, live("v8", "42"), 8, Commits.of(List.of()));

        assertThat(p.lines()).contains("commits since v8: none", "schema version: 42, unchanged");
        assertThat(p.schemaChanges()).isFalse();
    }

    @Test
    void aSchemaVersionOnlyTheCandidateHasIsAChange() {
        ApprovalPreview p =
                new ApprovalPreview("production", "shop", CANDIDATE, live("v8", null), 8, Commits.of(List.of()));

        assertThat(p.schemaChanges()).isTrue();
        assertThat(p.lines()).anyMatch(l -> l.startsWith("WARNING: the schema version changes from none to 42"));
    }

    @Test
    void withoutTheCandidatesSchemaVersionNothingIsCompared() {
        Candidate noSchema = new Candidate("web", null, List.of(), null, null);
        ApprovalPreview p = new ApprovalPreview(
                "production",
                "shop",
                noSchema,
                live("v8", "41"),
                8,
                Commits.unknown("the live release was deployed by https://ci.example.com/job/other/3/, not by a build"
                        + " of this job"));

        assertThat(p.schemaChanges()).isFalse();
        assertThat(p.lines())
                .containsExactly(
                        "candidate for production: web; it becomes release v9",
                        "live in production (shop): web v8, commit 1234567890ab, images registry.example.com/shop/web@sha256:"
                                + "a".repeat(64)
                                + ", schema 41, deployed by bob at 2026-11-27T01:12:00Z, approved by carol",
                        "commits since v8: unknown (the live release was deployed by https://ci.example.com/job/other/3/, not"
                                + " by a build of this job)",
                        "schema version: not compared (the candidate's is not given; live has 41)");
    }

    @Test
    void nothingLiveYet() {
        ApprovalPreview p = new ApprovalPreview("production", "shop", CANDIDATE, null, 0, Commits.of(List.of()));

        assertThat(p.lines())
                .containsExactly(
                        "candidate for production: web at commit c0ffee000000, images registry.example.com/shop/web@sha256:"
                                + "b".repeat(64)
                                + ", schema 42, deployed by this build as v5 in staging; it becomes release"
                                + " v1",
                        "live in production (shop): nothing (web has no live release)",
                        "commits: every commit is new to production");
    }

    @Test
    void withoutAnAppOnlyTheCandidateIsShown() {
        ApprovalPreview p = new ApprovalPreview(
                "production", null, new Candidate(null, "c0ffee", List.of(), null, null), null, 0, null);

        assertThat(p.nextRelease()).isNull();
        assertThat(p.lines())
                .containsExactly(
                        "candidate for production: the build's changes at commit c0ffee",
                        "live in production: not shown (the app is not known: name it with app)");
    }

    @Test
    void longCommitListsAreCut() {
        List<Commit> many = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            many.add(new Commit(String.format("%040x", i), "alice", "change " + i));
        }
        List<String> lines =
                new ApprovalPreview("production", "shop", CANDIDATE, live("v8", "42"), 8, Commits.of(many)).lines();

        assertThat(lines).contains("commits since v8 (25):", "  … and 5 more");
        assertThat(lines.stream().filter(l -> l.startsWith("  0000"))).hasSize(ApprovalPreview.MAX_COMMITS);
    }

    @Test
    void valuesFromTheClusterAndTheScmStayPlainOneLineText() {
        String esc = "\u001b[8mha:AAAAB+LCAAAAAAAAAP\u001b[0m";
        ReleaseInfo hostile = new ReleaseInfo(
                "v8",
                ReleaseState.LIVE,
                new ReleaseMetadata(
                        "web",
                        8,
                        List.of("evil<script>alert(1)</script>"),
                        "1234567890abcdef",
                        "https://ci/job/x/1/",
                        "41\nWARNING: fake",
                        "<img src=x onerror=alert(2)>",
                        "bob" + esc + "\r\nSecond line",
                        Instant.EPOCH),
                2,
                2,
                false,
                null);
        ApprovalPreview p = new ApprovalPreview(
                "production",
                "shop",
                new Candidate("web", null, List.of(), "41", null),
                hostile,
                8,
                Commits.of(List.of(new Commit("abc", "mallory\u202e", "msg\u0007<b>bold</b>"))));

        List<String> lines = p.lines();
        assertThat(lines).allSatisfy(l -> {
            assertThat(l).doesNotContain("\u001b", "\r", "\n", "\u0007", "\u202e");
        });
        assertThat(lines)
                .anySatisfy(
                        l -> assertThat(l).contains("deployed by bob [8mha:AAAAB+LCAAAAAAAAAP [0m" + " Second line"));
        assertThat(lines)
                .anySatisfy(l -> assertThat(l)
                        .contains("evil<script>alert(1)</script>")
                        .as("markup stays text: the views escape it")
                        .contains("approved by <img src=x onerror=alert(2)>"));
        assertThat(lines).contains("  abc mallory: msg <b>bold</b>");
        assertThat(lines)
                .as("a schema version with a line break cannot forge a line")
                .noneMatch(l -> l.startsWith("WARNING: fake"));
    }

    private static ReleaseInfo live(String release, String schema) {
        ReleaseMetadata m = new ReleaseMetadata(
                "web",
                ReleaseMetadata.number(release),
                List.of("registry.example.com/shop/web@sha256:" + "a".repeat(64)),
                "1234567890abcdef1234567890abcdef12345678",
                "https://ci.example.com/job/shop/job/web/job/main/10/",
                schema,
                "carol",
                "bob",
                Instant.parse("2026-11-27T01:12:00Z"));
        return new ReleaseInfo(release, ReleaseState.LIVE, m, 2, 2, false, null);
    }
}
