package io.jenkins.plugins.kubernetesdelivery.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        assertThatThrownBy(() -> BuildContext.scan(files, "ctx", "Dockerfile"))
                .isInstanceOf(BakeInputException.class)
                .hasMessageContaining("symlink 'escape' points outside the context");
    }

    @Test
    void absoluteSymlinkIsRejectedUnlessIgnored() throws Exception {
        write("Dockerfile", "FROM scratch\n");
        Files.createSymbolicLink(ws.resolve("passwd"), Path.of("/etc/passwd"));
        assertThatThrownBy(() -> BuildContext.scan(files, ".", "Dockerfile"))
                .hasMessageContaining("'passwd' points outside");
        write(".dockerignore", "passwd\n");
        assertThat(paths(BuildContext.scan(files, ".", "Dockerfile"))).doesNotContain("passwd");
    }

    @Test
    void pathsEscapingTheWorkspaceAreRejected() throws Exception {
        write("Dockerfile", "FROM scratch\n");
        assertThatThrownBy(() -> BuildContext.scan(files, "../other", "Dockerfile"))
                .hasMessageStartingWith("context '../other' must stay inside");
        assertThatThrownBy(() -> BuildContext.scan(files, "/etc", "Dockerfile"))
                .hasMessageStartingWith("context '/etc' must be a relative path");
        assertThatThrownBy(() -> BuildContext.scan(files, ".", "../Dockerfile"))
                .hasMessageStartingWith("dockerfile '../Dockerfile' must stay inside");
    }

    @Test
    void contextReachedThroughASymlinkIsRejected() throws Exception {
        write("real/Dockerfile", "FROM scratch\n");
        Files.createSymbolicLink(ws.resolve("alias"), Path.of("real"));
        assertThatThrownBy(() -> BuildContext.scan(files, "alias", "Dockerfile"))
                .hasMessageContaining("goes through the symlink 'alias'");
    }

    @Test
    void missingContextOrDockerfileIsNamed() throws Exception {
        assertThatThrownBy(() -> BuildContext.scan(files, "nope", "Dockerfile"))
                .hasMessage("context 'nope' does not exist in the workspace");
        Files.createDirectories(ws.resolve("empty"));
        assertThatThrownBy(() -> BuildContext.scan(files, "empty", "Dockerfile"))
                .hasMessage("dockerfile 'Dockerfile' does not exist in the context 'empty'");
        write("d/Dockerfile/x", "dir named Dockerfile");
        assertThatThrownBy(() -> BuildContext.scan(files, "d", "Dockerfile"))
                .hasMessage("dockerfile 'Dockerfile' is not a regular file");
    }

    @Test
    void badDockerignoreIsBadInput() throws Exception {
        write("Dockerfile", "FROM scratch\n");
        write(".dockerignore", "[oops\n");
        assertThatThrownBy(() -> BuildContext.scan(files, ".", "Dockerfile"))
                .isInstanceOf(BakeInputException.class)
                .hasMessageContaining(".dockerignore line 1");
    }
}
