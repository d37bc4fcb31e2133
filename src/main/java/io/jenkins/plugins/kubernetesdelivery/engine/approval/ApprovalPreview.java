package io.jenkins.plugins.kubernetesdelivery.engine.approval;

import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseEngine;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseInfo;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseMetadata;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What approvers are shown: the candidate against the live release of the environment (release, images, commit, who
 * deployed it and when, who approved it), the commits in between, and a warning when the schema version changes.
 * Every value from the cluster or the SCM is made plain text ({@link PlainText}): the lines are text, never markup.
 *
 * @param environment the environment being approved
 * @param namespace where the app lives in it
 * @param candidate what is being approved
 * @param live the live release, or {@code null} when nothing is live (or the app is unknown)
 * @param lastRelease the highest release number allocated so far (0 when none)
 * @param commits the commits between the live release and the candidate
 */
public record ApprovalPreview(
        String environment, String namespace, Candidate candidate, ReleaseInfo live, int lastRelease, Commits commits) {

    /** Commits listed at most; the rest are counted. */
    public static final int MAX_COMMITS = 20;

    public ApprovalPreview {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(candidate, "candidate");
        commits = commits == null ? Commits.unknown(null) : commits;
    }

    /** The live release of an app and its highest release number, as the cluster records them. */
    public record LiveState(ReleaseInfo live, int lastRelease) {}

    /**
     * Reads the live release of {@code app} in {@code namespace} through the release engine (two reads: the release
     * Deployments with the history, and the history). Blocks on the network: call it off the CPS VM thread.
     *
     * @throws io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException when the cluster cannot be read
     */
    public static LiveState read(ReleaseEngine engine, String app, String namespace) {
        List<ReleaseInfo> releases = engine.releases(app, namespace);
        ReleaseInfo live = releases.stream()
                .filter(r -> r.state() == ReleaseState.LIVE)
                .findFirst()
                .orElse(null);
        int last = engine.history(app, namespace).lastRelease();
        for (ReleaseInfo r : releases) {
            last = Math.max(last, r.number());
        }
        return new LiveState(live, last);
    }

    /** The release a deploy is expected to make next ({@code v9}), or {@code null} when the app is unknown. */
    public String nextRelease() {
        return candidate.app() == null ? null : ReleaseMetadata.id(lastRelease + 1);
    }

    /** Whether the candidate names a schema version that differs from the live release's. */
    public boolean schemaChanges() {
        if (live == null || candidate.schemaVersion() == null) {
            return false;
        }
        return !candidate.schemaVersion().equals(text(live.metadata().schemaVersion()));
    }

    /** The preview as short lines, without any step prefix. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(candidateLine());
        if (candidate.app() == null) {
            lines.add("live in " + environment + ": not shown (the app is not known: name it with app)");
            return lines;
        }
        if (live == null) {
            lines.add("live in " + environment + where() + ": nothing (" + candidate.app() + " has no live release)");
            lines.add("commits: every commit is new to " + environment);
        } else {
            lines.add(liveLine());
            lines.addAll(commitLines());
        }
        String schema = schemaLine();
        if (schema != null) {
            lines.add(schema);
        }
        return lines;
    }

    private String candidateLine() {
        StringBuilder b = new StringBuilder("candidate for ")
                .append(environment)
                .append(": ")
                .append(candidate.app() == null ? "the build's changes" : candidate.app());
        if (candidate.commit() != null) {
            b.append(" at commit ").append(PlainText.shortId(candidate.commit(), 12));
        }
        if (!candidate.images().isEmpty()) {
            b.append(", images ").append(String.join(", ", candidate.images()));
        }
        if (candidate.schemaVersion() != null) {
            b.append(", schema ").append(candidate.schemaVersion());
        }
        if (candidate.stagedAs() != null) {
            b.append(", deployed by this build as ").append(candidate.stagedAs());
        }
        String next = nextRelease();
        if (next != null) {
            b.append("; it becomes release ").append(next);
        }
        return b.toString();
    }

    private String liveLine() {
        ReleaseMetadata m = live.metadata();
        StringBuilder b = new StringBuilder("live in ")
                .append(environment)
                .append(where())
                .append(": ")
                .append(candidate.app())
                .append(' ')
                .append(text(live.release()));
        if (m.gitCommit() != null) {
            b.append(", commit ").append(PlainText.shortId(m.gitCommit(), 12));
        }
        if (!m.images().isEmpty()) {
            List<String> images = m.images().stream().map(ApprovalPreview::text).toList();
            b.append(", images ").append(String.join(", ", images));
        }
        if (m.schemaVersion() != null) {
            b.append(", schema ").append(text(m.schemaVersion()));
        }
        b.append(", deployed by ").append(m.deployedBy() == null ? "(unknown)" : text(m.deployedBy()));
        if (m.deployedAt() != null && !Instant.EPOCH.equals(m.deployedAt())) {
            b.append(" at ").append(m.deployedAt());
        }
        if (m.approver() != null) {
            b.append(", approved by ").append(text(m.approver()));
        }
        return b.toString();
    }

    private List<String> commitLines() {
        String since = "commits since " + text(live.release());
        if (!commits.known()) {
            return List.of(since + ": unknown (" + commits.unknownBecause() + ")");
        }
        if (commits.list().isEmpty()) {
            return List.of(since + ": none");
        }
        List<String> lines = new ArrayList<>();
        lines.add(since + " (" + commits.list().size() + "):");
        int shown = Math.min(MAX_COMMITS, commits.list().size());
        for (Commit c : commits.list().subList(0, shown)) {
            lines.add("  " + (c.id() == null ? "-" : PlainText.shortId(c.id(), 12)) + " "
                    + (c.author() == null ? "(unknown)" : c.author()) + ": "
                    + (c.message() == null ? "" : c.message()));
        }
        if (commits.list().size() > shown) {
            lines.add("  … and " + (commits.list().size() - shown) + " more");
        }
        return lines;
    }

    private String schemaLine() {
        if (live == null) {
            return null;
        }
        String liveSchema = text(live.metadata().schemaVersion());
        if (candidate.schemaVersion() == null) {
            return "schema version: not compared (the candidate's is not given; live has "
                    + (liveSchema == null ? "none" : liveSchema) + ")";
        }
        if (schemaChanges()) {
            return "WARNING: the schema version changes from " + (liveSchema == null ? "none" : liveSchema) + " to "
                    + candidate.schemaVersion() + ": check the migration, and that a rollback to "
                    + text(live.release()) + " still works, before approving";
        }
        return "schema version: " + liveSchema + ", unchanged";
    }

    private String where() {
        return namespace == null ? "" : " (" + text(namespace) + ")";
    }

    private static String text(String s) {
        return PlainText.line(s, Candidate.MAX_TEXT);
    }
}
