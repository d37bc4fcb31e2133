package io.jenkins.plugins.kubernetesdelivery.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildContextTest {

    @TempDir
    Path ws;

    WorkspaceFiles files;

    @BeforeEach
    void setUp() {
        files = new LocalWorkspaceFiles(ws);
    }

    private void write(String path, String content) throws Exception {
        Path p = ws.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    private static List<String> paths(BuildContext c) {
        return c.entries().stream().map(BuildContext.Entry::path).toList();
    }

    @Test
    void appliesDockerignoreButKeepsTheDockerfileAndItself() throws Exception {
        write("app/Dockerfile", "FROM scratch\n");
        write("app/.dockerignore", "*\n!src\n");
        write("app/src/main.go", "package main\n");
        write("app/secret.env", "TOKEN=x\n");
        write("app/docs/a.md", "a");
        BuildContext c = BuildContext.scan(files, "app", "Dockerfile");
        assertThat(paths(c)).containsExactly(".dockerignore", "Dockerfile", "src", "src/main.go");
        assertThat(c.fileCount()).isEqualTo(3);
    }

    @Test
    void dockerfileInAnExcludedDirectoryIsStillSent() throws Exception {
        write("build/Dockerfile", "FROM scratch\n");
        write("build/other.txt", "x");
        write(".dockerignore", "build\n");
        write("keep.txt", "k");
        BuildContext c = BuildContext.scan(files, ".", "build/Dockerfile");
        assertThat(paths(c)).containsExactly(".dockerignore", "build/Dockerfile", "keep.txt");
    }

    @Test
    void tarSizeIsExactAndTheStreamHoldsTheFiles() throws Exception {
        write("Dockerfile", "FROM scratch\nCOPY . /\n");
        write("a/b/c.txt", "content");
        write("x".repeat(90) + "/" + "y".repeat(90) + ".txt", "long name");
        Files.createSymbolicLink(ws.resolve("a/link"), Path.of("b/c.txt"));
        BuildContext c = BuildContext.scan(files, "", null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        c.writeTo(out);
        assertThat((long) out.size()).isEqualTo(c.tarSize());
        String text = out.toString(StandardCharsets.ISO_8859_1);
        assertThat(text).contains("content", "long name", "FROM scratch");
        assertThat(paths(c)).contains("a/link", "a/b/c.txt");
    }

    @Test
    void symlinkLeavingTheContextIsRejected() throws Exception {
        write("ctx/Dockerfile", "FROM scratch\n");
        write("outside.txt", "secret");
        Files.createSymbolicLink(ws.resolve("ctx/escape"), Path.of("../outside.txt"));
        assertThat(problems(() -> BuildContext.scan(files, "ctx", "Dockerfile")))
                .containsExactly(
                        "context symlink 'escape' points outside the context ('../outside.txt'); remove it or exclude it in"
                                + " .dockerignore");
    }

    @Test
    void absoluteSymlinkIsRejectedUnlessIgnored() throws Exception {
        write("Dockerfile", "FROM scratch\n");
        Files.createSymbolicLink(ws.resolve("passwd"), Path.of("/etc/passwd"));
        assertThat(problems(() -> BuildContext.scan(files, ".", "Dockerfile")))
                .singleElement()
                .asString()
                .contains("'passwd' points outside");
        write(".dockerignore", "passwd\n");
        assertThat(paths(BuildContext.scan(files, ".", "Dockerfile"))).doesNotContain("passwd");
    }

    @Test
    void pathsEscapingTheWorkspaceAreRejected() throws Exception {
        write("Dockerfile", "FROM scratch\n");
        assertThat(problems(() -> BuildContext.scan(files, "../other", "Dockerfile")))
                .singleElement()
                .asString()
                .startsWith("context '../other' must stay inside");
        assertThat(problems(() -> BuildContext.scan(files, "/etc", "Dockerfile")))
                .singleElement()
                .asString()
                .startsWith("context '/etc' must be a relative path");
        assertThat(problems(() -> BuildContext.scan(files, ".", "../Dockerfile")))
                .singleElement()
                .asString()
                .startsWith("dockerfile '../Dockerfile' must stay inside");
        assertThat(problems(() -> BuildContext.scan(files, "/etc", "../Dockerfile")))
                .as("both paths")
                .hasSize(2);
    }

    @Test
    void contextReachedThroughASymlinkIsRejected() throws Exception {
        write("real/Dockerfile", "FROM scratch\n");
        Files.createSymbolicLink(ws.resolve("alias"), Path.of("real"));
        assertThat(problems(() -> BuildContext.scan(files, "alias", "Dockerfile")))
                .singleElement()
                .asString()
                .contains("goes through the symlink 'alias'");
    }

    /** Audit D-11: each link looks inside on its own text, but the OS resolves {@code t} to the context's parent. */
    @Test
    void chainedSymlinksAreResolvedNotMatchedAsText() throws Exception {
        write("ctx/Dockerfile", "FROM scratch\n");
        write("outside.txt", "secret");
        Files.createSymbolicLink(ws.resolve("ctx/s"), Path.of("."));
        Files.createSymbolicLink(ws.resolve("ctx/t"), Path.of("s/s/.."));
        assertThat(Files.readString(ws.resolve("ctx/t/outside.txt")))
                .as("the OS follows t outside")
                .isEqualTo("secret");
        assertThat(problems(() -> BuildContext.scan(files, "ctx", "Dockerfile")))
                .containsExactly(
                        "context symlink 't' points outside the context ('s/s/..'); remove it or exclude it in .dockerignore");
    }

    @Test
    void linksThroughOtherLinksThatStayInsideAreKept() throws Exception {
        write("ctx/Dockerfile", "FROM scratch\n");
        write("ctx/a/b/file.txt", "in");
        Files.createSymbolicLink(ws.resolve("ctx/up"), Path.of("a/b/.."));
        Files.createSymbolicLink(ws.resolve("ctx/a/b/back"), Path.of("../../up/b/file.txt"));
        Files.createSymbolicLink(ws.resolve("ctx/loop1"), Path.of("loop2"));
        Files.createSymbolicLink(ws.resolve("ctx/loop2"), Path.of("loop1"));
        assertThat(paths(BuildContext.scan(files, "ctx", "Dockerfile"))).contains("up", "a/b/back", "loop1");
    }

    @Test
    void aLinkThroughALinkToTheParentEscapes() throws Exception {
        write("ctx/Dockerfile", "FROM scratch\n");
        write("ctx/sub/x", "x");
        Files.createSymbolicLink(ws.resolve("ctx/sub/here"), Path.of("."));
        Files.createSymbolicLink(ws.resolve("ctx/root"), Path.of("sub/here/.."));
        Files.createSymbolicLink(ws.resolve("ctx/esc"), Path.of("root/.."));
        assertThat(problems(() -> BuildContext.scan(files, "ctx", "Dockerfile")))
                .singleElement()
                .asString()
                .contains("'esc' points outside");
    }

    /** Audit D-11: the Dockerfile's parent directory is a link; the OS would follow it anywhere. */
    @Test
    void aDockerfileReachedThroughASymlinkedDirectoryIsRejected() throws Exception {
        write("ctx/x", "x");
        write("elsewhere/Dockerfile", "FROM scratch\n");
        Files.createSymbolicLink(ws.resolve("ctx/build"), Path.of("../elsewhere"));
        write("ctx/.dockerignore", "build\n");
        assertThat(problems(() -> BuildContext.scan(files, "ctx", "build/Dockerfile")))
                .singleElement()
                .asString()
                .isEqualTo("dockerfile 'build/Dockerfile' goes through the symlink 'build'; name the real path");
    }

    /** Audit D-2: an abort stops the walk; the interrupt flag stays set for the caller. */
    @Test
    void aScanStopsWhenTheThreadIsInterrupted() throws Exception {
        write("Dockerfile", "FROM scratch\n");
        write("a/b.txt", "b");
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> BuildContext.scan(files, ".", "Dockerfile"))
                    .isInstanceOf(java.io.InterruptedIOException.class)
                    .hasMessageContaining("interrupted");
            assertThat(Thread.currentThread().isInterrupted()).as("flag kept").isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void missingContextOrDockerfileIsNamed() throws Exception {
        assertThat(problems(() -> BuildContext.scan(files, "nope", "Dockerfile")))
                .containsExactly("context 'nope' does not exist in the workspace");
        Files.createDirectories(ws.resolve("empty"));
        assertThat(problems(() -> BuildContext.scan(files, "empty", "Dockerfile")))
                .containsExactly("dockerfile 'Dockerfile' does not exist in the context 'empty'");
        write("d/Dockerfile/x", "dir named Dockerfile");
        assertThat(problems(() -> BuildContext.scan(files, "d", "Dockerfile")))
                .containsExactly("dockerfile 'Dockerfile' is not a regular file");
    }

    @Test
    void badDockerignoreIsBadInput() throws Exception {
        write("Dockerfile", "FROM scratch\n");
        write(".dockerignore", "[oops\n");
        assertThat(problems(() -> BuildContext.scan(files, ".", "Dockerfile")))
                .singleElement()
                .asString()
                .contains(".dockerignore line 1");
    }

    @Test
    void everyProblemOfAContextIsReportedAtOnce() throws Exception {
        write("ctx/a.txt", "a");
        write("outside.txt", "secret");
        Files.createSymbolicLink(ws.resolve("ctx/one"), Path.of("../outside.txt"));
        Files.createSymbolicLink(ws.resolve("ctx/two"), Path.of("/etc/passwd"));

        assertThatThrownBy(() -> BuildContext.scan(files, "ctx", "Dockerfile"))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.reason())
                            .isEqualTo("the build context 'ctx' is invalid; nothing in the cluster" + " changed");
                    assertThat(e.problems())
                            .hasSize(3)
                            .anyMatch(p -> p.startsWith("dockerfile 'Dockerfile'"))
                            .anyMatch(p -> p.contains("'one' points outside"))
                            .anyMatch(p -> p.contains("'two' points outside"));
                });
    }

    /** The problems of the invalid-input exception {@code scan} throws. */
    private static List<String> problems(ThrowingCallable scan) {
        Throwable t = catchThrowable(scan);
        assertThat(t).isInstanceOf(DeliveryException.class);
        return ((DeliveryException) t).problems();
    }
}
