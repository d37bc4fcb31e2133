package io.jenkins.plugins.kubernetesdelivery.engine.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The scan's shortcuts (issue 10, benchmark 4) answer what the general code answers: a literal pattern's string
 * comparison against the same pattern run by the token matcher (a one-character class {@code [x]} keeps it off the
 * shortcut), and {@link DockerIgnore#isClean} only for paths that {@link DockerIgnore#clean} leaves as they are.
 */
class GlobFastPathTest {

    private static final String ALPHABET = "ab/.";

    private static String random(Random r, int max) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** The same pattern with its first character as a class: no longer a literal, so matched by tokens. */
    private static String asClass(String literal) {
        return "[" + literal.charAt(0) + "]" + literal.substring(1);
    }

    @Test
    void aLiteralPatternMatchesWhatTheTokenMatcherMatches() {
        Random r = new Random(7);
        int parentMatches = 0;
        for (int i = 0; i < 20_000; i++) {
            String pattern = random(r, 4);
            if (pattern.isEmpty()) {
                continue;
            }
            String path = r.nextBoolean() ? pattern + random(r, 5) : random(r, 8);
            Glob fast = Glob.compile(pattern);
            Glob slow = Glob.compile(asClass(pattern));
            assertThat(fast.matchesPathOrParent(path))
                    .as("'%s' or a parent matches '%s'", path, pattern)
                    .isEqualTo(slow.matchesPathOrParent(path));
            assertThat(fast.matches(path))
                    .as("'%s' matches '%s'", path, pattern)
                    .isEqualTo(slow.matches(path));
            assertThat(Glob.literal(pattern).matchesPathOrParent(path)).isEqualTo(slow.matchesPathOrParent(path));
            if (fast.matchesPathOrParent(path) && !fast.matches(path)) {
                parentMatches++;
            }
        }
        assertThat(parentMatches).as("paths matched through a parent").isGreaterThan(100);
        assertThat(Glob.compile("node_modules").matchesPathOrParent("node_modules/x/y.js"))
                .isTrue();
        assertThat(Glob.compile("node_modules").matchesPathOrParent("node_modulesx"))
                .isFalse();
    }

    @Test
    void aPathCountsAsCleanOnlyWhenCleaningLeavesIt() {
        Random r = new Random(11);
        int clean = 0;
        for (int i = 0; i < 20_000; i++) {
            String path = random(r, 8);
            if (DockerIgnore.isClean(path)) {
                clean++;
                assertThat(DockerIgnore.clean(path)).isEqualTo(path);
            }
        }
        assertThat(clean).isGreaterThan(1000);
        assertThat(DockerIgnore.isClean("src/main/App.java")).isTrue();
        assertThat(DockerIgnore.isClean(".hidden/..x/a..b")).isTrue();
        for (String dirty : new String[] {"", ".", "..", "a/", "/a", "a//b", "a/./b", "a/../b", "./a", "a/.."}) {
            assertThat(DockerIgnore.isClean(dirty)).as(dirty).isFalse();
        }
    }
}
