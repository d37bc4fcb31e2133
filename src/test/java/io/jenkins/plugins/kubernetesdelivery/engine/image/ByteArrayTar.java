package io.jenkins.plugins.kubernetesdelivery.engine.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the entry names of a ustar archive (no pax), for assertions. */
final class ByteArrayTar {

    private ByteArrayTar() {}

    static List<String> names(byte[] tar) {
        List<String> names = new ArrayList<>();
        int off = 0;
        while (off + 512 <= tar.length && tar[off] != 0) {
            String name = field(tar, off, 100);
            String prefix = field(tar, off + 345, 155);
            long size = Long.parseLong(field(tar, off + 124, 12).trim(), 8);
            names.add(prefix.isEmpty() ? name : prefix + "/" + name);
            off += 512 + (int) ((size + 511) / 512 * 512);
        }
        return names;
    }

    static void assertHoldsFiles(byte[] tar, String... names) {
        assertThat(tar).isNotNull();
        assertThat(names(tar)).contains(names);
        assertThat(tar.length % 512).isZero();
    }

    private static String field(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.US_ASCII);
    }
}
