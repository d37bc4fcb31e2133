package io.jenkins.plugins.kubernetesdelivery.engine.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exact bytes of the context tar for a fixed tree (names, modes, sizes and mtimes all set by the test), pinned
 * as the SHA-256 the code on main (ec3e7ac) wrote: the streaming optimisations of issue 10 must not change one byte.
 * The tree has what the writer treats apart: small and large files (sizes around the 512-byte block and the copy
 * buffer), empty files, a name that needs the ustar prefix, one that needs a pax header, a non-ASCII name, a long
 * symlink target, nested directories, and a {@code .dockerignore} with an excluded directory, a {@code **} pattern
 * and an exception.
 */
class ContextBytesPinnedTest {

    /** Written by the code on main (ec3e7ac) for {@link #tree}; see the class comment. */
    private static final String MAIN_SHA256 = "aba1472a68e74f9c60aec85f152a073f4213b7888e2aae6fb58e52a9fa0add32";

    private static final long MTIME = 1_700_000_000L;

    @TempDir
    Path ws;

    @Test
    void theTarOfAFixedTreeIsByteForByteWhatMainWrote() throws Exception {
        tree(ws);
        BuildContext context = BuildContext.scan(new LocalWorkspaceFiles(ws), "", "Dockerfile");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        context.writeTo(out);
        byte[] tar = out.toByteArray();
        assertThat((long) tar.length).isEqualTo(context.tarSize());
        assertThat(context.entries().stream().map(BuildContext.Entry::path).toList())
                .contains("keep.log", "src/a/p1/f3.txt", "src/link", "src/longlink")
                .doesNotContain("node_modules", "src/a/p0/debug.log");
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tar)))
                .isEqualTo(MAIN_SHA256);
    }

    /** Many writes of one byte and of odd sizes give the same bytes as one write into a plain buffer. */
    @Test
    void theBytesDoNotDependOnHowTheSinkIsWritten() throws Exception {
        tree(ws);
        BuildContext context = BuildContext.scan(new LocalWorkspaceFiles(ws), "", "Dockerfile");
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        context.writeTo(plain);
        ByteArrayOutputStream bytewise = new ByteArrayOutputStream();
        context.writeTo(new OutputStream() {
            @Override
            public void write(int b) {
                bytewise.write(b);
            }
        });
        assertThat(bytewise.toByteArray()).isEqualTo(plain.toByteArray());
    }

    static void tree(Path ws) throws Exception {
        Random random = new Random(42);
        write(ws, "Dockerfile", "FROM scratch\nCOPY . /\n".getBytes(StandardCharsets.UTF_8), "rw-r--r--");
        write(ws, ".dockerignore", "node_modules\n**/*.log\n!keep.log\n.git\n".getBytes(StandardCharsets.UTF_8), null);
        write(ws, "keep.log", bytes(random, 700), null);
        write(ws, "node_modules/x/index.js", bytes(random, 100), null);
        write(ws, ".git/HEAD", bytes(random, 20), null);
        int[] sizes = {0, 1, 511, 512, 513, 4096, 65_535, 65_536, 65_537, 200_000};
        for (int i = 0; i < sizes.length; i++) {
            String dir = "src/" + (char) ('a' + i % 3) + "/p" + (i % 2);
            write(ws, dir + "/f" + i + ".txt", bytes(random, sizes[i]), i % 4 == 0 ? "rwxr-xr-x" : null);
            write(ws, dir + "/debug.log", bytes(random, 50), null);
        }
        write(ws, "deep/" + "segment/".repeat(14) + "needs-prefix.txt", bytes(random, 10), null);
        write(ws, "deep/" + "x".repeat(120) + ".txt", bytes(random, 10), null);
        write(ws, "unïcode/fïle.txt", bytes(random, 33), null);
        Files.createSymbolicLink(ws.resolve("src/link"), Path.of("a/p0/f0.txt"));
        Files.createSymbolicLink(ws.resolve("src/longlink"), Path.of("./" + "a/../".repeat(30) + "a/p1/f3.txt"));
        List<Path> all;
        try (var s = Files.walk(ws)) {
            all = s.sorted((x, y) -> y.getNameCount() - x.getNameCount()).toList();
        }
        for (Path p : all) { // deepest first: setting a directory's time after its children were written
            if (!Files.isSymbolicLink(p) && Files.isDirectory(p)) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-x---"));
            }
            Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(FileTime.fromMillis(MTIME * 1000), null, null);
        }
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static void write(Path ws, String path, byte[] content, String perms) throws Exception {
        Path p = ws.resolve(path);
        Files.createDirectories(p.getParent());
        Files.write(p, content);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms == null ? "rw-r-----" : perms));
    }
}
