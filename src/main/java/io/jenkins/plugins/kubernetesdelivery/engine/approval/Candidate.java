package io.jenkins.plugins.kubernetesdelivery.engine.approval;

import java.util.ArrayList;
import java.util.List;

/**
 * What is being approved, as far as the build knows it: the app, the commit, the images, the schema version and where
 * the build deployed it already. Every part is optional.
 *
 * @param app the app, or {@code null} when the build does not say (then no live release can be shown)
 * @param commit the commit the build checked out, or {@code null}
 * @param images image references the build baked or deployed; may be empty
 * @param schemaVersion the candidate's schema version, or {@code null} when not given
 * @param stagedAs where the build already deployed it, e.g. {@code v5 in staging}, or {@code null}
 */
public record Candidate(String app, String commit, List<String> images, String schemaVersion, String stagedAs) {

    static final int MAX_TEXT = 200;

    public Candidate {
        app = clean(app);
        commit = clean(commit);
        schemaVersion = clean(schemaVersion);
        stagedAs = clean(stagedAs);
        List<String> kept = new ArrayList<>();
        if (images != null) {
            for (String i : images) {
                String c = clean(i);
                if (c != null && !kept.contains(c)) {
                    kept.add(c);
                }
            }
        }
        images = List.copyOf(kept);
    }

    /**
     * A short label for audit lines: {@code web v9} when the next release number is known, else
     * {@code web at c0ffee1}, {@code web}, or {@code the build's changes} without an app.
     *
     * @param nextRelease the release the deploy is expected to make ({@code v9}), or {@code null}
     */
    public String label(String nextRelease) {
        String what = app == null ? "the build's changes" : app;
        if (app != null && nextRelease != null) {
            return what + " " + nextRelease;
        }
        return commit == null ? what : what + " at " + PlainText.shortId(commit, 12);
    }

    private static String clean(String s) {
        String line = PlainText.line(s, MAX_TEXT);
        return line == null || line.isEmpty() ? null : line;
    }
}
