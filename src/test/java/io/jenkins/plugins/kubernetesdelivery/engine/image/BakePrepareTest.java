package io.jenkins.plugins.kubernetesdelivery.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import io.jenkins.plugins.kubernetesdelivery.engine.ProgressListener;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ImageBaker.prepare} reports every problem of a request and its context at once, as a deploy does. */
class BakePrepareTest {

    @TempDir
    Path ws;

    private final ImageBaker baker = new ImageBaker(null, null, BakeSettings.DEFAULTS.withMaxContextBytes(20_000));

    @BeforeEach
    void context() throws Exception {
        Files.writeString(ws.resolve("Dockerfile"), "FROM scratch\nCOPY . /\n");
    }

    private static BakeRequest.Builder request() {
        return BakeRequest.builder("registry.example.com/shop/web").namespace("builds");
    }

    @Test
    void problemsOfTheRequestAndOfTheContextComeTogether() {
        assertThatThrownBy(() -> baker.prepare(
                        request().tags("bad tag").dockerfile("Missing").build(),
                        new LocalWorkspaceFiles(ws),
                        ProgressListener.NONE))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.reason())
                            .isEqualTo("the bake request for registry.example.com/shop/web is invalid;"
                                    + " nothing in the cluster changed");
                    assertThat(e.problems())
                            .containsExactly(
                                    "tags[0] 'bad tag' must start with a letter, digit or '_' and contain only letters, digits,"
                                            + " '_', '.' and '-', at most 128 characters (image reference grammar)",
                                    "dockerfile 'Missing' does not exist in the context '.'");
                    assertThat(e.getMessage()).startsWith(e.reason() + ":\n  - tags[0] 'bad tag'");
                });
    }

    @Test
    void aContextOverTheLimitIsAProblem() throws Exception {
        Files.write(ws.resolve("big.bin"), new byte[30_000]);

        assertThatThrownBy(() -> baker.prepare(request().build(), new LocalWorkspaceFiles(ws), ProgressListener.NONE))
                .isInstanceOfSatisfying(
                        DeliveryException.class,
                        e -> assertThat(e.problems())
                                .singleElement()
                                .asString()
                                .startsWith("context '.' is ")
                                .contains("more than the limit of"));
    }

    @Test
    void aValidRequestGetsABakeIdAndNoProblem() throws Exception {
        Bake bake = baker.prepare(request().build(), new LocalWorkspaceFiles(ws), ProgressListener.NONE);

        assertThat(bake.handle().bakeId()).matches("[a-z0-9]{10}");
        assertThat(bake.context().fileCount()).isEqualTo(1);
    }

    /**
     * Audit D-15: files left out of the context for what they are (a FIFO) or for their name (bytes that are not
     * UTF-8) are each named in the console, not dropped silently.
     */
    @Test
    void everySkippedFileIsReportedInTheConsole() throws Exception {
        Files.writeString(ws.resolve("kept.txt"), "k");
        assertThat(new ProcessBuilder("mkfifo", ws.resolve("pipe").toString())
                        .start()
                        .waitFor())
                .isZero();
        assertThat(new ProcessBuilder("sh", "-c", "printf x > \"$(printf 'bad\\377name')\"")
                        .directory(ws.toFile())
                        .start()
                        .waitFor())
                .isZero();
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();

        Bake bake = baker.prepare(request().build(), new LocalWorkspaceFiles(ws), lines::add);

        assertThat(bake.context().fileCount()).isEqualTo(2);
        assertThat(lines)
                .hasSize(2)
                .anySatisfy(l ->
                        assertThat(l).isEqualTo("context: skipped 'pipe': not a regular file, directory or symlink"))
                .anySatisfy(l -> assertThat(l)
                        .startsWith("context: skipped 'bad")
                        .contains("name': its name is not" + " valid in the file name encoding"));
    }

    /** A context scanned elsewhere (on a Jenkins agent), as the step supplies it. */
    private record Scanned(List<String> problems, long fileCount, long tarSize) implements ContextSource {
        @Override
        public void writeTo(OutputStream out) {
            throw new AssertionError("prepare never writes the context");
        }
    }

    @Test
    void problemsOfAContextScannedElsewhereComeWithThoseOfTheRequest() {
        ContextSource scanned = new Scanned(
                List.of(
                        "dockerfile 'Missing' does not exist in the context '.'",
                        "context symlink 'etc' points outside the context ('/etc'); remove it or exclude it in .dockerignore"),
                0,
                0);

        assertThatThrownBy(() -> baker.prepare(request().tags("bad tag").build(), scanned, ProgressListener.NONE))
                .isInstanceOfSatisfying(
                        DeliveryException.class,
                        e -> assertThat(e.problems())
                                .hasSize(3)
                                .satisfies(p -> assertThat(p.get(0)).startsWith("tags[0] 'bad tag'"))
                                .containsSubsequence(scanned.problems()));
    }

    @Test
    void aContextScannedElsewhereIsHeldToTheSizeLimit() {
        assertThatThrownBy(() ->
                        baker.prepare(request().build(), new Scanned(List.of(), 3, 30_000), ProgressListener.NONE))
                .isInstanceOfSatisfying(
                        DeliveryException.class,
                        e -> assertThat(e.problems())
                                .singleElement()
                                .asString()
                                .startsWith("context '.' is ")
                                .contains("more than the limit of"));
    }

    @Test
    void aValidContextScannedElsewhereIsTheOneTheBakeSends() {
        ContextSource scanned = new Scanned(List.of(), 3, 10_240);

        Bake bake = baker.prepare(request().build(), scanned, ProgressListener.NONE);

        assertThat(bake.context()).isSameAs(scanned);
        assertThat(bake.handle().bakeId()).matches("[a-z0-9]{10}");
    }
}
