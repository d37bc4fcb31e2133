package io.jenkins.plugins.kubernetesdelivery.engine.image;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A {@code .dockerignore} file with Docker's semantics: one pattern a line; {@code #} in the first column starts a
 * comment; lines are trimmed and cleaned like paths (a leading {@code /} means the context root, a trailing one is
 * dropped); {@code *} and {@code ?} match within one path segment, {@code [..]} a character class, {@code **} any
 * number of segments (zero included); a pattern that matches a directory excludes everything below it; {@code !}
 * makes an exception; the last matching line wins. An excluded directory is still descended into when an
 * exception pattern starts with its path (so {@code docs} then {@code !docs/keep.md} keeps that one file).
 *
 * <p>Patterns come from the repository, so matching never backtracks ({@link Glob}): a path costs at most its length
 * times the pattern's, and a pattern line is at most {@link #MAX_PATTERN} characters.
 */
public final class DockerIgnore {

    /** The longest pattern line: no longer than the longest path (PATH_MAX) it could be meant for. */
    static final int MAX_PATTERN = 4096;

    /** One cleaned pattern line. */
    public record Rule(String pattern, boolean exception) {
        @Override
        public String toString() {
            return (exception ? "!" : "") + pattern;
        }
    }

    private final List<Rule> rules;
    private final List<Glob> globs;

    private DockerIgnore(List<Rule> rules, List<Glob> globs) {
        this.rules = List.copyOf(rules);
        this.globs = List.copyOf(globs);
    }

    /** No patterns: everything is kept. */
    public static DockerIgnore none() {
        return new DockerIgnore(List.of(), List.of());
    }

    /**
     * Parses the text of a {@code .dockerignore} file.
     *
     * @throws IllegalArgumentException naming the line when a pattern is malformed
     */
    public static DockerIgnore parse(String text) {
        List<Rule> rules = new ArrayList<>();
        List<Glob> globs = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.startsWith("#")) {
                continue;
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() > MAX_PATTERN) {
                throw new IllegalArgumentException(".dockerignore line " + (i + 1) + ": the pattern is longer than "
                        + MAX_PATTERN + " characters");
            }
            boolean exception = line.startsWith("!");
            if (exception) {
                line = line.substring(1).strip();
                if (line.isEmpty()) {
                    throw new IllegalArgumentException(".dockerignore line " + (i + 1) + ": '!' needs a pattern");
                }
            }
            String cleaned = clean(line);
            if (cleaned.length() > 1 && cleaned.startsWith("/")) {
                cleaned = cleaned.substring(1);
            }
            try {
                globs.add(Glob.compile(cleaned));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        ".dockerignore line " + (i + 1) + ": malformed pattern '" + printable(lines[i].strip()) + "' ("
                                + e.getMessage() + ")",
                        e);
            }
            rules.add(new Rule(cleaned, exception));
        }
        return new DockerIgnore(rules, globs);
    }

    private static String printable(String s) {
        return s.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }

    /** The same patterns plus exceptions, as Docker adds for the Dockerfile and {@code .dockerignore}. */
    public DockerIgnore keeping(String... paths) {
        List<Rule> all = new ArrayList<>(rules);
        List<Glob> allGlobs = new ArrayList<>(globs);
        for (String p : paths) {
            if (excludes(p)) {
                String cleaned = clean(p);
                all.add(new Rule(cleaned, true));
                allGlobs.add(Glob.literal(cleaned));
            }
        }
        return new DockerIgnore(all, allGlobs);
    }

    public List<Rule> rules() {
        return rules;
    }

    /** Whether the path (relative to the context, '/'-separated) is excluded: it or a parent matches last. */
    public boolean excludes(String path) {
        String file = isClean(path) ? path : clean(path);
        boolean matched = false;
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            if (rule.exception() != matched) {
                continue;
            }
            if (globs.get(i).matchesPathOrParent(file)) {
                matched = !rule.exception();
            }
        }
        return matched;
    }

    /** Whether an excluded directory must still be walked, because an exception pattern starts with its path. */
    public boolean mayKeepInside(String dir) {
        String prefix = clean(dir) + "/";
        for (Rule rule : rules) {
            if (rule.exception() && (rule.pattern() + "/").startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@link #clean} would return the path as it is: not empty, no leading or trailing '/', no empty,
     * {@code .} or {@code ..} segment (what the scan's paths always are; checked without allocating).
     */
    static boolean isClean(String path) {
        int n = path.length();
        int start = 0;
        for (int i = 0; i <= n; i++) {
            if (i == n || path.charAt(i) == '/') {
                int len = i - start;
                if (len == 0
                        || (len == 1 && path.charAt(start) == '.')
                        || (len == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.')) {
                    return false;
                }
                start = i + 1;
            }
        }
        return true;
    }

    /** Lexical path cleaning with Go's {@code filepath.Clean} rules, on '/'-separated paths. */
    static String clean(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.startsWith("/");
        Deque<String> out = new ArrayDeque<>();
        for (String seg : path.split("/")) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..")) {
                if (!out.isEmpty() && !out.peekLast().equals("..")) {
                    out.removeLast();
                } else if (!rooted) {
                    out.addLast("..");
                }
                continue;
            }
            out.addLast(seg);
        }
        String joined = String.join("/", out);
        if (rooted) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }
}
