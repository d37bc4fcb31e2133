package io.jenkins.plugins.kubernetesdelivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The job full-name patterns that decide which jobs may use an environment: one pattern per line, matched against
 * the whole full name ({@code folder/sub/job}) segment by segment, ignoring case as Jenkins item names do.
 * {@code *} matches any characters within one segment; a segment of just {@code **} matches any number of segments,
 * none included, except at the end, where it matches at least one ({@code shop/**} is everything inside folder
 * {@code shop}, not a job named {@code shop}). Everything else is literal. No patterns means every job.
 *
 * <p>Matching walks the segments with a table, never a regular expression, so that no pattern can make it slow.
 */
final class JobPatterns {

    static final int MAX_LENGTH = 256;
    static final int MAX_PATTERNS = 100;

    private JobPatterns() {}

    /** The non-blank lines of {@code text}, trimmed; empty for {@code null}. */
    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        if (text != null) {
            for (String line : text.split("\\R")) {
                if (!line.isBlank()) {
                    lines.add(line.strip());
                }
            }
        }
        return lines;
    }

    /** The rule {@code pattern} breaks, or empty when it is a valid pattern. */
    static Optional<String> check(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            return Optional.of(Messages.JobPatterns_Empty());
        }
        if (pattern.length() > MAX_LENGTH) {
            return Optional.of(Messages.JobPatterns_TooLong(MAX_LENGTH, pattern.length()));
        }
        for (String segment : pattern.split("/", -1)) {
            if (segment.isEmpty()) {
                return Optional.of(Messages.JobPatterns_EmptySegment());
            }
            if (segment.equals(".") || segment.equals("..")) {
                return Optional.of(Messages.JobPatterns_DotSegment());
            }
            if (segment.contains("**") && !segment.equals("**")) {
                return Optional.of(Messages.JobPatterns_DoubleStar());
            }
        }
        return Optional.empty();
    }

    /** Whether {@code fullName} matches any of {@code patterns}; an empty list matches every job. */
    static boolean matchesAny(List<String> patterns, String fullName) {
        if (patterns.isEmpty()) {
            return true;
        }
        for (String p : patterns) {
            if (matches(p, fullName)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code fullName} matches the (valid) {@code pattern}. */
    static boolean matches(String pattern, String fullName) {
        String[] p = pattern.toLowerCase(Locale.ROOT).split("/", -1);
        String[] n = fullName.toLowerCase(Locale.ROOT).split("/", -1);
        // can[i][j]: pattern segments from i on match name segments from j on
        boolean[][] can = new boolean[p.length + 1][n.length + 1];
        can[p.length][n.length] = true;
        for (int i = p.length - 1; i >= 0; i--) {
            for (int j = n.length; j >= 0; j--) {
                if (p[i].equals("**") && i == p.length - 1) {
                    can[i][j] = j < n.length;
                } else if (p[i].equals("**")) {
                    can[i][j] = can[i + 1][j] || (j < n.length && can[i][j + 1]);
                } else {
                    can[i][j] = j < n.length && can[i + 1][j + 1] && segmentMatches(p[i], n[j]);
                }
            }
        }
        return can[0][0];
    }

    /** One segment against a pattern segment where {@code *} matches any run of characters (greedy, linear retry). */
    static boolean segmentMatches(String pattern, String segment) {
        int p = 0;
        int s = 0;
        int star = -1;
        int retry = 0;
        while (s < segment.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                retry = s;
            } else if (p < pattern.length() && pattern.charAt(p) == segment.charAt(s)) {
                p++;
                s++;
            } else if (star >= 0) {
                p = star + 1;
                s = ++retry;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
