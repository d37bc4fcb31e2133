package io.jenkins.plugins.kubernetesdelivery.steps.bake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.FilePath;
import io.jenkins.plugins.kubernetesdelivery.engine.image.BuildContext;
import io.jenkins.plugins.kubernetesdelivery.engine.image.LocalWorkspaceFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The context read where the workspace is: the file callables run over a temporary directory (the offline
 * {@code FilePath} runs them in this process, as the real one does for a controller workspace), and what they
 * stream is exactly the engine's tar of the same directory.
 */
class WorkspaceContextTest {

    @TempDir
    Path ws;

    FilePath workspace;

    @BeforeEach
    void files() throws Exception {
        workspace = new FilePath(ws.toFile());
        Files.createDirectories(ws.resolve("app/src"));
        Files.createDirectories(ws.resolve("app/node_modules/left-pad"));
        Files.writeString(ws.resolve("app/Dockerfile"), "FROM scratch\nCOPY src /src\n");
        Files.writeString(ws.resolve("app/.dockerignore"), "node_modules\n*.log\n");
        Files.writeString(ws.resolve("app/src/main.go"), "package main\n");
        Files.writeString(ws.resolve("app/build.log"), "ignored\n");
        Files.writeString(ws.resolve("app/node_modules/left-pad/index.js"), "ignored\n");
        Files.write(ws.resolve("app/src/blob.bin"), new byte[70_000]);
        Files.createSymbolicLink(ws.resolve("app/src/current"), Path.of("main.go"));
    }

    static byte[] engineTar(Path ws, String contextDir, String dockerfile) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BuildContext.scan(new LocalWorkspaceFiles(ws), contextDir, dockerfile).writeTo(out);
        return out.toByteArray();
    }

    /** Records whether it was closed: the attach stream must stay open for the engine to end it. */
    static final class Recording extends ByteArrayOutputStream {
        boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void theScanReportsWhatTheEnginesLocalScanReports() throws Exception {
        WorkspaceContext context = WorkspaceContext.scan(workspace, "app", "Dockerfile");
        BuildContext local = BuildContext.scan(new LocalWorkspaceFiles(ws), "app", "Dockerfile");

        assertThat(context.problems()).isEmpty();
        assertThat(context.fileCount()).isEqualTo(local.fileCount()).isEqualTo(4);
        assertThat(context.tarSize()).isEqualTo(local.tarSize());
    }

    @Test
    void theStreamedTarIsTheEnginesLocalTarAndTheTargetStaysOpen() throws Exception {
        WorkspaceContext context = WorkspaceContext.scan(workspace, "app", "Dockerfile");
        Recording out = new Recording();

        context.writeTo(out);

        assertThat(out.toByteArray()).isEqualTo(engineTar(ws, "app", "Dockerfile"));
        assertThat((long) out.size()).isEqualTo(context.tarSize());
        assertThat(out.closed).isFalse();
        assertThat(names(out.toByteArray()))
                .containsExactly(".dockerignore", "Dockerfile", "src/", "src/blob.bin", "src/current", "src/main.go");
    }

    @Test
    void everyProblemOfTheScanComesBackAtOnce() throws Exception {
        Files.delete(ws.resolve("app/Dockerfile"));
        Files.createSymbolicLink(ws.resolve("app/src/passwd"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(ws.resolve("app/up"), Path.of("../../outside"));

        WorkspaceContext context = WorkspaceContext.scan(workspace, "app", "Dockerfile");

        assertThat(context.problems())
                .containsExactlyInAnyOrder(
                        "dockerfile 'Dockerfile' does not exist in the context 'app'",
                        "context symlink 'src/passwd' points outside the context ('/etc/passwd'); remove it or exclude it in"
                                + " .dockerignore",
                        "context symlink 'up' points outside the context ('../../outside'); remove it or exclude it in"
                                + " .dockerignore");
        assertThat(context.fileCount()).isZero();
        assertThat(context.tarSize()).isZero();
    }

    @Test
    void pathsThatLeaveTheWorkspaceAreProblemsNotReads() throws Exception {
        WorkspaceContext context = WorkspaceContext.scan(workspace, "../elsewhere", "/etc/Dockerfile");

        assertThat(context.problems())
                .hasSize(2)
                .allSatisfy(p -> assertThat(p).containsAnyOf("context '../elsewhere'", "dockerfile '/etc/Dockerfile'"));
    }

    @Test
    void aContextThatChangedAfterTheCheckIsNotSent() throws Exception {
        WorkspaceContext context = WorkspaceContext.scan(workspace, "app", "Dockerfile");
        Files.writeString(ws.resolve("app/src/new.go"), "package main\n");
        Recording out = new Recording();

        assertThatThrownBy(() -> context.writeTo(out))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("the build context 'app' changed after it was checked (4 files in ")
                .hasMessageContaining("5 files in");
        assertThat(out.size()).as("nothing sent").isZero();
    }

    @Test
    void aContextThatLostItsDockerfileAfterTheCheckIsNotSent() throws Exception {
        WorkspaceContext context = WorkspaceContext.scan(workspace, "app", "Dockerfile");
        Files.delete(ws.resolve("app/Dockerfile"));

        assertThatThrownBy(() -> context.writeTo(new Recording()))
                .isInstanceOf(IOException.class)
                .hasMessage("the build context 'app' changed after it was checked: dockerfile 'Dockerfile' does not"
                        + " exist in the context 'app'; run the build again");
    }

    @Test
    void theScanCallableAndItsAnswerCrossAChannel() throws Exception {
        WorkspaceContext.Scan scan = roundTrip(new WorkspaceContext.Scan("app", "Dockerfile"));
        WorkspaceContext.Summary summary = roundTrip(scan.invoke(ws.toFile(), null));

        assertThat(summary.problems()).isEmpty();
        assertThat(summary.tarSize()).isEqualTo(engineTar(ws, "app", "Dockerfile").length);
        WorkspaceContext.Summary failed = roundTrip(new WorkspaceContext.Summary(new ArrayList<>(List.of("p")), 0, 0));
        assertThat(failed.problems()).containsExactly("p");
    }

    /** Audit D-15: what the agent's scan left out comes back with its answer, for the console. */
    @Test
    void filesTheScanSkippedComeBackForTheConsole() throws Exception {
        assertThat(new ProcessBuilder("mkfifo", ws.resolve("app/pipe").toString())
                        .start()
                        .waitFor())
                .isZero();
        WorkspaceContext.Summary summary =
                roundTrip(new WorkspaceContext.Scan("app", "Dockerfile").invoke(ws.toFile(), null));

        assertThat(summary.skipped()).containsExactly("'pipe': not a regular file, directory or symlink");
        assertThat(WorkspaceContext.scan(workspace, "app", "Dockerfile").skipped())
                .isEqualTo(summary.skipped());
    }

    /** The entry names of a ustar archive without pax headers. */
    static List<String> names(byte[] tar) {
        List<String> names = new ArrayList<>();
        for (int off = 0; off + 512 <= tar.length && tar[off] != 0; ) {
            int end = off;
            while (end < off + 100 && tar[end] != 0) {
                end++;
            }
            names.add(new String(tar, off, end - off, StandardCharsets.US_ASCII));
            long size = Long.parseLong(new String(tar, off + 124, 11, StandardCharsets.US_ASCII).trim(), 8);
            off += 512 + (int) ((size + 511) / 512 * 512);
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
