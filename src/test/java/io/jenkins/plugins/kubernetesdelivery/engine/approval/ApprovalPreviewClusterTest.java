package io.jenkins.plugins.kubernetesdelivery.engine.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubernetesdelivery.engine.ProgressListener;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseEngine;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseRequest;
import io.jenkins.plugins.kubernetesdelivery.testenv.TestNamespace;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The preview from a release history read on testenv: the live release, the next number, a schema change. */
@Tag("cluster")
class ApprovalPreviewClusterTest {

    @RegisterExtension
    TestNamespace ns = new TestNamespace();

    @Test
    void readsTheLiveReleaseAndShowsTheCandidateAgainstIt() {
        ReleaseEngine engine = new ReleaseEngine(ns.client(), ProgressListener.NONE, Clock.systemUTC());
        ApprovalPreview.LiveState empty = ApprovalPreview.read(engine, "web", ns.name());
        assertThat(empty.live()).isNull();
        assertThat(empty.lastRelease()).isZero();

        engine.deploy(request(1, "41").build());
        engine.deploy(request(2, "41").approver("carol").build());

        ApprovalPreview.LiveState state = ApprovalPreview.read(engine, "web", ns.name());
        assertThat(state.live().release()).isEqualTo("v2");
        assertThat(state.lastRelease()).isEqualTo(2);

        Candidate candidate = new Candidate("web", commit(3), List.of(image(3)), "42", "v7 in staging");
        ApprovalPreview preview = new ApprovalPreview(
                "production",
                ns.name(),
                candidate,
                state.live(),
                state.lastRelease(),
                Commits.of(List.of(new Commit(commit(3), "alice", "Add the orders table"))));
        List<String> lines = preview.lines();
        lines.forEach(System.out::println);

        assertThat(preview.nextRelease()).isEqualTo("v3");
        assertThat(lines.get(0)).endsWith("deployed by this build as v7 in staging; it becomes release v3");
        assertThat(lines.get(1))
                .startsWith("live in production (" + ns.name() + "): web v2, commit 02c0ffee0000," + " images "
                        + image(2) + ", schema 41, deployed by bob at ")
                .endsWith(", approved by carol");
        assertThat(lines)
                .contains(
                        "commits since v2 (1):",
                        "  03c0ffee0000 alice: Add the orders table",
                        "WARNING: the schema version changes from 41 to 42: check the migration, and that a rollback to v2"
                                + " still works, before approving");
    }

    private ReleaseRequest.Builder request(int n, String schema) {
        return ReleaseRequest.builder("web", ns.name())
                .simple(8080, 1)
                .image(image(n))
                .gitCommit(commit(n))
                .schemaVersion(schema)
                .buildUrl("https://ci.example.com/job/shop/job/web/job/main/" + (10 + n) + "/")
                .actor("bob");
    }

    /** {@code 02c0ffee0000…}: 40 hex digits whose short form tells the releases apart. */
    private static String commit(int n) {
        return String.format("%02dc0ffee%032x", n, n);
    }

    private static String image(int n) {
        return "registry.example.com/shop/web@sha256:" + String.format("%064x", n);
    }
}
