package io.jenkins.plugins.kubernetesdelivery.engine.image;

import java.util.ArrayList;
import java.util.List;

/**
 * One cleaned {@code .dockerignore} pattern, matched without backtracking. The pattern becomes a short list of
 * tokens (a literal character, {@code ?}, a class {@code [..]}, {@code *} within a segment, {@code **} over
 * directories, a trailing {@code **}), and a path is matched by carrying the set of token positions it can be at
 * through its characters, as RE2 (Go's regexp, which moby's patternmatcher uses) does. The cost is at most the
 * path's length times the pattern's, whatever either holds. The semantics are moby's: {@code *} and {@code ?} stay
 * within a segment; {@code **} followed by more of the pattern stands for "any directories, or none" (it consumes a
 * following {@code /}); a trailing {@code **} matches anything; a leading {@code **} followed only by literal text
 * is a suffix match ({@code **foo} matches any path ending in {@code foo}).
 */
final class Glob {

    private enum Kind {
        CHAR,
        ONE,
        CLASS,
        STAR,
        DIRS,
        ANY
    }

    /** One token; {@code c} is the code point of a CHAR; {@code ranges} (pairs, inclusive) of a CLASS. */
    private record Token(Kind kind, int c, int[] ranges, boolean negated) {
        boolean matches(int x) {
            return switch (kind) {
                case CHAR -> x == c;
                case ONE, STAR -> x != '/';
                case ANY, DIRS -> x != '\n'; // Go's '.', as in moby's regexp

                case CLASS -> inClass(x);
            };
        }

        private boolean inClass(int x) {
            boolean in = false;
            for (int i = 0; i < ranges.length && !in; i += 2) {
                in = ranges[i] <= x && x <= ranges[i + 1];
            }
            return in != negated;
        }
    }

    private final Token[] tokens;
    /** The text when every token is a literal character ({@code node_modules}, {@code .git}...); else null. */
    private final String literal;

    private Glob(List<Token> tokens) {
        this.tokens = tokens.toArray(new Token[0]);
        StringBuilder text = new StringBuilder();
        for (Token t : this.tokens) {
            if (t.kind() != Kind.CHAR) {
                text = null;
                break;
            }
            text.appendCodePoint(t.c());
        }
        this.literal = text == null || text.length() == 0 ? null : text.toString();
    }

    /**
     * Compiles a cleaned pattern.
     *
     * @throws IllegalArgumentException for an empty or unterminated class, or a range whose ends are reversed
     */
    static Glob compile(String pattern) {
        List<Token> out = new ArrayList<>();
        int[] cps = pattern.codePoints().toArray();
        int n = cps.length;
        if (n > 2 && cps[0] == '*' && cps[1] == '*' && literalFrom(cps, 2)) {
            // moby's suffix match: "**foo" matches any path ending in "foo"; "**/foo" also matches "foo"
            int from = 2;
            if (cps[2] == '/') {
                out.add(new Token(Kind.DIRS, 0, null, false));
                from = 3;
            } else {
                out.add(new Token(Kind.ANY, 0, null, false));
            }
            for (int i = from; i < n; i++) {
                out.add(new Token(Kind.CHAR, cps[i], null, false));
            }
            return new Glob(out);
        }
        for (int i = 0; i < n; i++) {
            int c = cps[i];
            if (c == '*') {
                if (i + 1 < n && cps[i + 1] == '*') {
                    i++;
                    if (i + 1 < n && cps[i + 1] == '/') {
                        i++;
                    }
                    out.add(new Token(i + 1 >= n ? Kind.ANY : Kind.DIRS, 0, null, false));
                } else {
                    out.add(new Token(Kind.STAR, 0, null, false));
                }
            } else if (c == '?') {
                out.add(new Token(Kind.ONE, 0, null, false));
            } else if (c == '[') {
                i = parseClass(cps, i, out);
            } else if (c == '\\') {
                out.add(new Token(Kind.CHAR, i + 1 < n ? cps[++i] : '\\', null, false));
            } else {
                out.add(new Token(Kind.CHAR, c, null, false));
            }
        }
        return new Glob(out);
    }

    /** A pattern that matches exactly this path (and, as every pattern, what lies below it). */
    static Glob literal(String path) {
        List<Token> out = new ArrayList<>();
        path.codePoints().forEach(c -> out.add(new Token(Kind.CHAR, c, null, false)));
        return new Glob(out);
    }

    private static boolean literalFrom(int[] cps, int from) {
        for (int i = from; i < cps.length; i++) {
            int c = cps[i];
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /** Parses {@code [...]} starting at {@code start}; returns the index of its closing {@code ]}. */
    private static int parseClass(int[] cps, int start, List<Token> out) {
        int n = cps.length;
        int i = start + 1;
        boolean negated = i < n && cps[i] == '^';
        if (negated) {
            i++;
        }
        List<Integer> ranges = new ArrayList<>();
        while (i < n && cps[i] != ']') {
            int lo = cps[i] == '\\' && i + 1 < n ? cps[++i] : cps[i];
            i++;
            int hi = lo;
            if (i + 1 < n && cps[i] == '-' && cps[i + 1] != ']') {
                i++;
                hi = cps[i] == '\\' && i + 1 < n ? cps[++i] : cps[i];
                i++;
                if (hi < lo) {
                    throw new IllegalArgumentException("a character range runs backwards");
                }
            }
            ranges.add(lo);
            ranges.add(hi);
        }
        if (i >= n) {
            throw new IllegalArgumentException("unterminated character class");
        }
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("empty character class");
        }
        out.add(new Token(
                Kind.CLASS, 0, ranges.stream().mapToInt(Integer::intValue).toArray(), negated));
        return i;
    }

    /** Whether the whole path matches. */
    boolean matches(String path) {
        return literal != null ? path.equals(literal) : run(path, false);
    }

    /**
     * Whether the path or one of its parent directories matches: the parents are the path's prefixes that end
     * before a {@code /}, so one pass over the path answers for all of them.
     */
    boolean matchesPathOrParent(String path) {
        if (literal != null) { // what run() answers for a literal, without its state sets
            return path.startsWith(literal)
                    && (path.length() == literal.length() || path.charAt(literal.length()) == '/');
        }
        return run(path, true);
    }

    private boolean run(String path, boolean parents) {
        int k = tokens.length;
        // at[i]: before token i (k: the end); in[i]: inside the ".*" of a DIRS token i, before its '/'
        boolean[] at = new boolean[k + 1];
        boolean[] in = new boolean[k + 1];
        boolean[] nextAt = new boolean[k + 1];
        boolean[] nextIn = new boolean[k + 1];
        at[0] = true;
        close(at, in);
        for (int p = 0; p < path.length(); ) {
            int c = path.codePointAt(p);
            if (parents && c == '/' && p > 0 && at[k]) {
                return true;
            }
            java.util.Arrays.fill(nextAt, false);
            java.util.Arrays.fill(nextIn, false);
            boolean any = false;
            for (int i = 0; i < k; i++) {
                Token t = tokens[i];
                if (at[i] && t.kind() != Kind.DIRS && t.matches(c)) {
                    boolean loops = t.kind() == Kind.STAR || t.kind() == Kind.ANY;
                    nextAt[loops ? i : i + 1] = true;
                    any = true;
                }
                if (in[i]) {
                    if (c != '\n') {
                        nextIn[i] = true;
                        any = true;
                    }
                    if (c == '/') {
                        nextAt[i + 1] = true;
                    }
                }
            }
            if (!any) {
                return false;
            }
            boolean[] swap = at;
            at = nextAt;
            nextAt = swap;
            swap = in;
            in = nextIn;
            nextIn = swap;
            close(at, in);
            p += Character.charCount(c);
        }
        return at[tokens.length];
    }

    /** Follows the moves that take no character: past a STAR or ANY (none of it), and into or past a DIRS. */
    private void close(boolean[] at, boolean[] in) {
        for (int i = 0; i < tokens.length; i++) {
            if (!at[i]) {
                continue;
            }
            Kind kind = tokens[i].kind();
            if (kind == Kind.STAR || kind == Kind.ANY || kind == Kind.DIRS) {
                at[i + 1] = true;
            }
            if (kind == Kind.DIRS) {
                in[i] = true;
            }
        }
    }
}
