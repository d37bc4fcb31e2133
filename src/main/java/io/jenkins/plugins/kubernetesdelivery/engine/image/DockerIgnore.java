package io.jenkins.plugins.kubernetesdelivery.engine.image;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A {@code .dockerignore} file with Docker's semantics: one pattern a line; {@code #} in the first column starts a
 * comment; lines are trimmed and cleaned like paths (a leading {@code /} means the context root, a trailing one is
 * dropped); {@code *} and {@code ?} match within one path segment, {@code [..]} a character class, {@code **} any
 * number of segments (zero included); a pattern that matches a directory excludes everything below it; {@code !}
 * makes an exception; the last matching line wins. An excluded directory is still descended into when an
 * exception pattern starts with its path (so {@code docs} then {@code !docs/keep.md} keeps that one file).
 */
public final class DockerIgnore {

    /** One cleaned pattern line. */
    public record Rule(String pattern, boolean exception, Pattern regex) {
        @Override
        public String toString() {
            return (exception ? "!" : "") + pattern;
        }
    }

    private final List<Rule> rules;

    private DockerIgnore(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** No patterns: everything is kept. */
    public static DockerIgnore none() {
        return new DockerIgnore(List.of());
    }

    /**
     * Parses the text of a {@code .dockerignore} file.
     *
     * @throws IllegalArgumentException naming the line when a pattern is malformed
     */
    public static DockerIgnore parse(String text) {
        List<Rule> rules = new ArrayList<>();
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
                rules.add(new Rule(cleaned, exception, Pattern.compile(toRegex(cleaned))));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(".dockerignore line " + (i + 1) + ": malformed pattern '"
                        + lines[i].strip() + "'", e);
            }
        }
        return new DockerIgnore(rules);
    }

    /** The same patterns plus exceptions, as Docker adds for the Dockerfile and {@code .dockerignore}. */
    public DockerIgnore keeping(String... paths) {
        List<Rule> all = new ArrayList<>(rules);
        for (String p : paths) {
            if (excludes(p)) {
                String cleaned = clean(p);
                all.add(new Rule(cleaned, true, Pattern.compile(toRegex(cleaned))));
            }
        }
        return new DockerIgnore(all);
    }

    public List<Rule> rules() {
        return rules;
    }

    /** Whether the path (relative to the context, '/'-separated) is excluded: it or a parent matches last. */
    public boolean excludes(String path) {
        String file = clean(path);
        int slash = file.lastIndexOf('/');
        String[] parents = slash < 0 ? new String[0] : file.substring(0, slash).split("/");
        boolean matched = false;
        for (Rule rule : rules) {
            if (rule.exception() != matched) {
                continue;
            }
            boolean match = rule.regex().matcher(file).matches();
            StringBuilder parent = new StringBuilder();
            for (int i = 0; !match && i < parents.length; i++) {
                if (i > 0) {
                    parent.append('/');
                }
                parent.append(parents[i]);
                match = rule.regex().matcher(parent).matches();
            }
            if (match) {
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

    /** Docker's pattern-to-regex translation, with everything outside character classes taken literally. */
    static String toRegex(String pattern) {
        if (pattern.startsWith("**") && pattern.length() > 2 && !pattern.substring(2).matches(".*[*?\\[\\]\\\\].*")) {
            // Docker's suffix match: "**foo" matches any path ending in "foo"; "**/foo" also matches "foo"
            String rest = pattern.substring(2);
            return rest.startsWith("/") ? "^(.*/)?" + Pattern.quote(rest.substring(1)) + "$"
                    : "^.*" + Pattern.quote(rest) + "$";
        }
        StringBuilder re = new StringBuilder("^");
        boolean inClass = false;
        int n = pattern.length();
        for (int i = 0; i < n; i++) {
            char c = pattern.charAt(i);
            if (inClass) {
                if (c == ']') {
                    inClass = false;
                    re.append(']');
                } else if (c == '\\' && i + 1 < n) {
                    re.append('\\').append(pattern.charAt(++i));
                } else if (c == '[' || c == '&' || c == '\\') {
                    re.append('\\').append(c);
                } else {
                    re.append(c);
                }
            } else if (c == '*') {
                if (i + 1 < n && pattern.charAt(i + 1) == '*') {
                    i++;
                    if (i + 1 < n && pattern.charAt(i + 1) == '/') {
                        i++;
                    }
                    re.append(i + 1 >= n ? ".*" : "(.*/)?");
                } else {
                    re.append("[^/]*");
                }
            } else if (c == '?') {
                re.append("[^/]");
            } else if (c == '[') {
                inClass = true;
                re.append('[');
                if (i + 1 < n && pattern.charAt(i + 1) == '^') {
                    re.append('^');
                    i++;
                }
            } else if (c == '\\') {
                re.append(Pattern.quote(i + 1 < n ? String.valueOf(pattern.charAt(++i)) : "\\"));
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (inClass) {
            throw new PatternSyntaxException("unterminated character class", pattern, n);
        }
        return re.append('$').toString();
    }
}
