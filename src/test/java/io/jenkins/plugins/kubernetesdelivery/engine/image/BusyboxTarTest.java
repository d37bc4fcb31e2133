package io.jenkins.plugins.kubernetesdelivery.engine.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit D-22: the builder pod's context receiver is busybox's {@code tar -x -f - -C /workspace/context}. Names over
 * 100 characters and non-ASCII names travel in pax records; busybox must read them back under their full names, as
 * the receiver does, from stdin. Needs busybox on the build machine ({@code apt-get install busybox}; .ci/run
 * installs it): without it this test fails rather than passing unseen.
 */
class BusyboxTarTest {

    @TempDir
    Path tmp;

    @Test
    void busyboxTarReadsLongAndNonAsciiNamesFromStdin() throws Exception {
        Path busybox = busybox();
        String longDir = "d\u00e9p\u00f4t/".repeat(20) + "sub";
        String longFile = longDir + "/\u00fcn\u00efcode-" + "x".repeat(120) + ".txt";
        String shortUnicode = "\u65e5\u672c\u8a9e.txt";
        String longTarget = longFile;
        Path dest = Files.createDirectory(tmp.resolve("context"));
        Process p = new ProcessBuilder(busybox.toString(), "tar", "-x", "-f", "-", "-C", dest.toString())
                .redirectErrorStream(true)
                .start();
        try (OutputStream stdin = p.getOutputStream()) {
            TarWriter tar = new TarWriter(stdin);
            tar.directory(longDir, 0755, 1_600_000_000L);
            tar.file(
                    longFile,
                    0644,
                    4,
                    1_600_000_000L,
                    new ByteArrayInputStream("long".getBytes(StandardCharsets.UTF_8)));
            tar.file(shortUnicode, 0600, 2, 0, new ByteArrayInputStream("ja".getBytes(StandardCharsets.UTF_8)));
            tar.symlink("link-" + "y".repeat(110), longTarget, 0);
            tar.finish();
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("busybox tar ended").isTrue();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(output).isZero();

        assertThat(Files.readString(dest.resolve(longFile))).isEqualTo("long");
        assertThat(Files.readString(dest.resolve(shortUnicode))).isEqualTo("ja");
        assertThat(Files.readSymbolicLink(dest.resolve("link-" + "y".repeat(110)))
                        .toString())
                .isEqualTo(longTarget);
        try (var names = Files.list(dest)) {
            assertThat(names.map(n -> n.getFileName().toString()))
                    .as("nothing under a cut name")
                    .containsExactlyInAnyOrder("d\u00e9p\u00f4t", shortUnicode, "link-" + "y".repeat(110));
        }
    }

    private static Path busybox() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(dir, "busybox");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("busybox is not installed; install it (Debian: apt-get install busybox) to check"
                + " that the builder pod's busybox tar reads the context");
    }
}
