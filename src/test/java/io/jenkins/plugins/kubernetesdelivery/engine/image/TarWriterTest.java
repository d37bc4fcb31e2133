package io.jenkins.plugins.kubernetesdelivery.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarWriterTest {

    @TempDir
    Path tmp;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void headerFieldsAndChecksumFollowUstar() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarWriter tar = new TarWriter(out);
        tar.file("hello.txt", 0644, 5, 1_700_000_000L, new ByteArrayInputStream(bytes("hello")));
        tar.finish();
        byte[] a = out.toByteArray();
        assertThat(a).hasSize(512 + 512 + 1024);
        assertThat(new String(a, 0, 9, StandardCharsets.US_ASCII)).isEqualTo("hello.txt");
        assertThat(new String(a, 100, 7, StandardCharsets.US_ASCII)).isEqualTo("0000644");
        assertThat(new String(a, 124, 11, StandardCharsets.US_ASCII)).isEqualTo("00000000005");
        assertThat((char) a[156]).isEqualTo('0');
        assertThat(new String(a, 257, 5, StandardCharsets.US_ASCII)).isEqualTo("ustar");
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (a[i] & 0xff);
        }
        assertThat(Long.parseLong(new String(a, 148, 6, StandardCharsets.US_ASCII), 8))
                .isEqualTo(sum);
        assertThat(new String(a, 512, 5, StandardCharsets.US_ASCII)).isEqualTo("hello");
        assertThat(out.size()).isEqualTo(tar.written());
    }

    @Test
    void sizeIsPredictedExactly() throws IOException {
        String longName = "d/".repeat(120) + "file.txt";
        String longLink = "x/".repeat(60);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarWriter tar = new TarWriter(out);
        tar.file(longName, 0600, 700, 0, new ByteArrayInputStream(new byte[700]));
        tar.symlink("l", longLink, 0);
        tar.directory("dé", 0755, 0);
        tar.finish();
        long predicted = TarWriter.entrySize(longName, null, 700)
                + TarWriter.entrySize("l", longLink, 0)
                + TarWriter.entrySize("dé/", null, 0)
                + TarWriter.trailerSize();
        assertThat(out.size()).isEqualTo(predicted).isEqualTo(tar.written());
    }

    @Test
    void contentOfTheWrongLengthFails() {
        TarWriter tar = new TarWriter(new ByteArrayOutputStream());
        assertThatThrownBy(() -> tar.file("a", 0644, 10, 0, new ByteArrayInputStream(new byte[3])))
                .hasMessageContaining("became shorter");
        TarWriter tar2 = new TarWriter(new ByteArrayOutputStream());
        assertThatThrownBy(() -> tar2.file("b", 0644, 1, 0, new ByteArrayInputStream(new byte[3])))
                .hasMessageContaining("grew");
    }

    /** A file read to its end costs one read when it fits the buffer; growth is still seen at every size. */
    @Test
    void aFileIsReadWithoutAnExtraReadForItsEndAndGrowthIsStillSeen() throws IOException {
        int[] reads = {0};
        InputStream counted = new FilterInputStream(new ByteArrayInputStream(new byte[1000])) {
            @Override
            public int read() throws IOException {
                reads[0]++;
                return super.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                reads[0]++;
                return super.read(b, off, len);
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TarWriter(out).file("a", 0644, 1000, 0, counted);
        assertThat(reads[0]).isEqualTo(1);
        assertThat(out.size()).isEqualTo(512 + 1024);
        for (int size : new int[] {1, 511, 65_535, 65_536, 65_537, 200_000}) {
            TarWriter tar = new TarWriter(new ByteArrayOutputStream());
            assertThatThrownBy(() -> tar.file("g", 0644, size, 0, new ByteArrayInputStream(new byte[size + 1])))
                    .as("size %d", size)
                    .hasMessageContaining("grew");
            TarWriter exact = new TarWriter(new ByteArrayOutputStream());
            exact.file("e", 0644, size, 0, new ByteArrayInputStream(new byte[size]));
            assertThat(exact.written()).isEqualTo(TarWriter.entrySize("e", null, size));
        }
    }

    /** GNU tar (present on every build machine) reads the archive back, pax names and links included. */
    @Test
    void gnuTarReadsItBack() throws Exception {
        String longName = "deep/".repeat(40) + "ünïcode-file.txt";
        Path archive = tmp.resolve("a.tar");
        try (var out = Files.newOutputStream(archive)) {
            TarWriter tar = new TarWriter(out);
            tar.directory("bin", 0755, 1_600_000_000L);
            tar.file("bin/run", 0755, 3, 1_600_000_000L, new ByteArrayInputStream(bytes("hi\n")));
            tar.file(longName, 0644, 4, 0, new ByteArrayInputStream(bytes("long")));
            tar.symlink("link", "bin/run", 0);
            tar.finish();
        }
        Path dest = Files.createDirectory(tmp.resolve("x"));
        Process p = new ProcessBuilder("tar", "-x", "-f", archive.toString(), "-C", dest.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();
        assertThat(Files.readString(dest.resolve("bin/run"))).isEqualTo("hi\n");
        assertThat(Files.isExecutable(dest.resolve("bin/run"))).isTrue();
        assertThat(Files.readString(dest.resolve(longName))).isEqualTo("long");
        assertThat(Files.readSymbolicLink(dest.resolve("link")).toString()).isEqualTo("bin/run");
        assertThat(Files.getLastModifiedTime(dest.resolve("bin/run")).toMillis())
                .isEqualTo(1_600_000_000_000L);
    }
}
