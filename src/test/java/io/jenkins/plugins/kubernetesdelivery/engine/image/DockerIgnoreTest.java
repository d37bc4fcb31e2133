package io.jenkins.plugins.kubernetesdelivery.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Cases from Docker's documentation of {@code .dockerignore} (Dockerfile reference / build context page) and the
 * matching rules of moby's patternmatcher that the docs describe. Patterns are separated by ';' here.
 */
class DockerIgnoreTest {

    @ParameterizedTest(name = "[{index}] {0} -> {1} excluded={2}")
    @CsvSource(
            delimiter = '|',
            value = {
                // docs: "# comment" is ignored
                "# comment|# comment|false",
                "#comment;x|x|true",
                // docs: */temp* excludes files and directories starting with temp in any immediate subdirectory
                "*/temp*|somedir/temporary.txt|true",
                "*/temp*|somedir/temp|true",
                "*/temp*|somedir/temp/inner.txt|true",
                "*/temp*|temporary.txt|false",
                "*/temp*|a/b/temp.txt|false",
                // docs: */*/temp* two levels below the root
                "*/*/temp*|somedir/subdir/temporary.txt|true",
                "*/*/temp*|somedir/temporary.txt|false",
                // docs: temp? one character after temp, in the root
                "temp?|tempa|true",
                "temp?|tempb|true",
                "temp?|temp|false",
                "temp?|tempab|false",
                "temp?|sub/tempa|false",
                // docs: ** matches any number of directories, including zero
                "**/*.go|main.go|true",
                "**/*.go|a/b/c/x.go|true",
                "**/*.go|a/b/c/x.gox|false",
                "a/**/b|a/b|true",
                "a/**/b|a/x/y/b|true",
                "a/**|a/x/y|true",
                // a leading ** without other wildcards is a suffix match
                "**foo|barfoo|true",
                "**foo|a/bfoo|true",
                "**/foo|barfoo|false",
                "**/foo|a/foo|true",
                "**|anything/at/all|true",
                // docs: exceptions with !
                "*.md;!README.md|CHANGES.md|true",
                "*.md;!README.md|README.md|false",
                // docs: the last matching line wins
                "*.md;!README*.md;README-secret.md|README-secret.md|true",
                "*.md;!README*.md;README-secret.md|README-x.md|false",
                "*.md;README-secret.md;!README*.md|README-secret.md|false",
                // docs: leading and trailing slashes are removed: /foo/bar and foo/bar are the same
                "/foo/bar|foo/bar|true",
                "foo/bar/|foo/bar|true",
                "/foo/bar|foo/bar/baz.txt|true",
                // cleaned like paths
                "./foo//bar|foo/bar|true",
                "foo/../bar|bar|true",
                // a directory pattern excludes everything below it
                "node_modules|node_modules/x/index.js|true",
                "node_modules|src/node_modules|false",
                // * does not cross '/'
                "*.txt|a/b.txt|false",
                "*|a/b.txt|true",
                "*;!src|src/main.go|false",
                "*;!src|docs/x|true",
                // character classes and escapes
                "[a-c].txt|b.txt|true",
                "[a-c].txt|d.txt|false",
                "[^a-c].txt|d.txt|true",
                "\\*.txt|*.txt|true",
                "\\*.txt|a.txt|false",
                // regex metacharacters are literal
                "a+b|a+b|true",
                "a+b|aab|false",
                "(x)|(x)|true",
                "file.txt|fileXtxt|false",
                // whitespace around a pattern is trimmed
                "'  spaced.txt  '|spaced.txt|true",
                // moby's "**" inside a segment: "(.*/)?" there, so it spans whole directories only
                "a**b|ab|true",
                "a**b|ax/b|true",
                "a**b|axb|false",
                "***|a/b|true",
                "a/**|a|false",
                "a/**|a/b/c|true",
                // ? and classes match one character, a supplementary one included; a negated class matches '/'
                "?.txt|é.txt|true",
                "?.txt|\uD83D\uDE00.txt|true",
                "?.txt|ab.txt|false",
                "a[^x]b|a/b|true",
                "[!a]|!|true",
                "[a-]|-|true",
                "x\\|x\\|true",
            })
    void table(String patterns, String path, boolean excluded) {
        DockerIgnore ignore = DockerIgnore.parse(String.join("\n", patterns.split(";")));
        assertThat(ignore.excludes(path)).as("%s excludes %s", patterns, path).isEqualTo(excluded);
    }

    /**
     * Audit D-2: patterns from the repository must cost time linear in the name, never backtrack. Before the fix,
     * the first of these took longer than the guard (a regex over C(60, 20) ways). The guard only catches a hang.
     */
    @Test
    void pathologicalPatternsEndQuickly() {
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            DockerIgnore stars = DockerIgnore.parse("*a".repeat(20) + "*b");
            assertThat(stars.excludes("a".repeat(60))).isFalse();
            assertThat(stars.excludes("a".repeat(255))).isFalse();
            assertThat(stars.excludes("a".repeat(200) + "b")).isTrue();
            DockerIgnore dirs = DockerIgnore.parse("**/".repeat(30) + "*a".repeat(10) + "*b");
            String deep = ("a".repeat(20) + "/").repeat(100) + "a".repeat(100);
            assertThat(dirs.excludes(deep)).isFalse();
            assertThat(dirs.excludes(deep + "b")).isTrue();
            DockerIgnore classes = DockerIgnore.parse("[a-z]*".repeat(20) + "[0-9]");
            assertThat(classes.excludes("a".repeat(255))).isFalse();
        });
    }

    @Test
    void aPatternLongerThanAnyPathIsRefusedNamingTheLine() {
        assertThatThrownBy(() -> DockerIgnore.parse("ok\n" + "a".repeat(DockerIgnore.MAX_PATTERN + 1) + "\n"))
                .hasMessageContaining("line 2")
                .hasMessageContaining("longer than " + DockerIgnore.MAX_PATTERN);
        assertThat(DockerIgnore.parse("a".repeat(DockerIgnore.MAX_PATTERN)).excludes("a".repeat(4096)))
                .isTrue();
    }

    @Test
    void malformedClassesNameTheLine() {
        assertThatThrownBy(() -> DockerIgnore.parse("[]\n")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> DockerIgnore.parse("x\n[c-a]\n")).hasMessageContaining("line 2");
    }

    @Test
    void excludedDirectoryIsWalkedOnlyForExceptionsBelowIt() {
        DockerIgnore ignore = DockerIgnore.parse("docs\n!docs/keep.md\n");
        assertThat(ignore.excludes("docs")).isTrue();
        assertThat(ignore.mayKeepInside("docs")).isTrue();
        assertThat(ignore.excludes("docs/keep.md")).isFalse();
        assertThat(ignore.excludes("docs/other.md")).isTrue();
        DockerIgnore noException = DockerIgnore.parse("docs\n!README.md\n");
        assertThat(noException.mayKeepInside("docs")).isFalse();
    }

    @Test
    void keepingAddsExceptionsOnlyForExcludedFiles() {
        DockerIgnore ignore = DockerIgnore.parse("*\n").keeping(".dockerignore", "build/Dockerfile");
        assertThat(ignore.excludes(".dockerignore")).isFalse();
        assertThat(ignore.excludes("build/Dockerfile")).isFalse();
        assertThat(ignore.mayKeepInside("build")).isTrue();
        assertThat(ignore.excludes("build/other")).isTrue();
        assertThat(DockerIgnore.parse("x\n").keeping("Dockerfile").rules()).hasSize(1);
    }

    @Test
    void malformedPatternsNameTheLine() {
        assertThatThrownBy(() -> DockerIgnore.parse("ok\n[abc\n")).hasMessageContaining("line 2");
        assertThatThrownBy(() -> DockerIgnore.parse("!\n")).hasMessageContaining("line 1");
    }

    @Test
    void emptyAndCommentOnlyFilesExcludeNothing() {
        assertThat(DockerIgnore.parse("\n# only a comment\n   \n").excludes("anything"))
                .isFalse();
        assertThat(DockerIgnore.none().excludes("x")).isFalse();
    }
}
