package io.jenkins.plugins.kubernetesdelivery.engine.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A minimal POSIX tar writer: ustar headers, with a pax extended header in front of an entry whose name or link
 * target does not fit ustar (or is not ASCII), or whose size exceeds 8 GiB. Owner is always 0:0 with no names.
 * It never closes the stream it writes to.
 */
public final class TarWriter {

    static final int BLOCK = 512;
    private static final long USTAR_MAX_SIZE = 077777777777L;

    private final OutputStream out;
    /** The copy buffer of {@link #file}, one per writer (not one per file: issue 10, benchmark 4). */
    private final byte[] buf = new byte[64 * 1024];
    /** Padding and the end marker; the writer's own, so a stream that wrote into what it was given harms no other. */
    private final byte[] zeros = new byte[2 * BLOCK];

    private long written;

    public TarWriter(OutputStream out) {
        this.out = out;
    }

    /** Bytes written so far. */
    public long written() {
        return written;
    }

    public void directory(String name, int mode, long mtime) throws IOException {
        header(name.endsWith("/") ? name : name + "/", '5', mode, 0, mtime, "");
    }

    public void symlink(String name, String target, long mtime) throws IOException {
        header(name, '2', 0777, 0, mtime, target);
    }

    /** A regular file; exactly {@code size} bytes are copied from {@code content}, or an IOException is thrown. */
    public void file(String name, int mode, long size, long mtime, InputStream content) throws IOException {
        header(name, '0', mode, size, mtime, "");
        long left = size;
        boolean ended = false;
        while (left > 0) {
            // one byte more than is left: a file that grew shows it here, and a short read at the end of a file
            // saves the read that would otherwise only find the end (one system call per file)
            int want = (int) Math.min(buf.length, left + 1);
            int n = content.read(buf, 0, want);
            if (n < 0) {
                throw new IOException(name + " became shorter while it was archived (" + left + " bytes missing)");
            }
            if (n > left) {
                throw new IOException(name + " grew while it was archived");
            }
            write(buf, 0, n);
            left -= n;
            ended = left == 0 && n < want;
        }
        if (!ended && content.read() >= 0) {
            throw new IOException(name + " grew while it was archived");
        }
        pad(size);
    }

    /** The two zero blocks that end an archive. */
    public void finish() throws IOException {
        write(zeros, 0, 2 * BLOCK);
        out.flush();
    }

    /** How many bytes an entry takes in the archive, pax header included, without writing it. */
    public static long entrySize(String name, String linkTarget, long size) {
        long pax = 0;
        if (needsPax(name, linkTarget, size)) {
            pax = BLOCK + padded(paxBody(paxRecords(name, linkTarget, size)).length);
        }
        return pax + BLOCK + padded(size);
    }

    /** The size of the end-of-archive marker. */
    public static long trailerSize() {
        return 2L * BLOCK;
    }

    private void header(String name, char type, int mode, long size, long mtime, String link) throws IOException {
        if (needsPax(name, link, size)) {
            byte[] body = paxBody(paxRecords(name, link, size));
            String base = name.replaceAll("/+$", "");
            base = base.substring(base.lastIndexOf('/') + 1);
            block(asciiOr("PaxHeaders/" + base, "PaxHeaders/entry"), 'x', 0644, body.length, mtime, "");
            write(body, 0, body.length);
            pad(body.length);
        }
        block(name, type, mode, size, mtime, link);
    }

    private void block(String name, char type, int mode, long size, long mtime, String link) throws IOException {
        byte[] h = new byte[BLOCK];
        String[] split = splitName(name);
        put(h, 0, 100, split == null ? truncate(name, 100) : split[1]);
        octal(h, 100, 8, mode & 07777);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, Math.min(size, USTAR_MAX_SIZE));
        octal(h, 136, 12, Math.max(0, Math.min(mtime, USTAR_MAX_SIZE)));
        h[156] = (byte) type;
        put(h, 157, 100, truncate(link, 100));
        put(h, 257, 6, "ustar");
        put(h, 263, 2, "00");
        if (split != null) {
            put(h, 345, 155, split[0]);
        }
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        octal(h, 148, 7, sum); // six digits, as String.format("%06o") wrote them; then NUL and space
        h[154] = 0;
        h[155] = ' ';
        write(h, 0, BLOCK);
    }

    /**
     * Whether {@link #paxRecords} has anything, without building it: the common case (a short ASCII name, a short
     * ASCII or no link target, a size that fits ustar) decides without allocating.
     */
    private static boolean needsPax(String name, String link, long size) {
        if (size > USTAR_MAX_SIZE || (link != null && (link.length() > 100 || !isAscii(link)))) {
            return true;
        }
        return name.length() <= 100 ? !isAscii(name) : splitName(name) == null;
    }

    private static Map<String, String> paxRecords(String name, String link, long size) {
        Map<String, String> pax = new LinkedHashMap<>();
        if (!isAscii(name) || splitName(name) == null) {
            pax.put("path", name);
        }
        if (link != null && (link.length() > 100 || !isAscii(link))) {
            pax.put("linkpath", link);
        }
        if (size > USTAR_MAX_SIZE) {
            pax.put("size", Long.toString(size));
        }
        return pax;
    }

    /** Records "{@code <len> <key>=<value>\n}" where len counts the whole record, itself included. */
    private static byte[] paxBody(Map<String, String> records) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : records.entrySet()) {
            int rest = 3 + e.getKey().length() + e.getValue().getBytes(StandardCharsets.UTF_8).length; // ' ' '=' '\n'
            int len = rest + Integer.toString(rest).length();
            if (Integer.toString(len).length() != Integer.toString(rest).length()) {
                len++;
            }
            sb.append(len)
                    .append(' ')
                    .append(e.getKey())
                    .append('=')
                    .append(e.getValue())
                    .append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {prefix, name} for ustar, or null when the name cannot be stored there. */
    private static String[] splitName(String name) {
        if (!isAscii(name)) {
            return null;
        }
        if (name.length() <= 100) {
            return new String[] {"", name};
        }
        for (int i = name.indexOf('/'); i >= 0; i = name.indexOf('/', i + 1)) {
            if (i <= 155 && name.length() - i - 1 <= 100 && name.length() - i - 1 > 0) {
                return new String[] {name.substring(0, i), name.substring(i + 1)};
            }
        }
        return null;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0 || c >= 128) {
                return false;
            }
        }
        return true;
    }

    private static String asciiOr(String s, String fallback) {
        return isAscii(s) ? truncate(s, 100) : fallback;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static void put(byte[] h, int off, int len, String s) {
        if (isAscii(s)) { // the same bytes as UTF-8, without encoding them
            int n = Math.min(len, s.length());
            for (int i = 0; i < n; i++) {
                h[off + i] = (byte) s.charAt(i);
            }
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, h, off, Math.min(len, b.length));
    }

    /** {@code value} in octal, zero-padded to {@code len - 1} digits (its first {@code len - 1} if it has more). */
    private static void octal(byte[] h, int off, int len, long value) {
        int digits = Math.max(1, (64 - Long.numberOfLeadingZeros(value) + 2) / 3);
        if (digits > len - 1) {
            put(h, off, len - 1, Long.toOctalString(value));
            return;
        }
        for (int i = off + len - 2; i >= off; i--, value >>>= 3) {
            h[i] = (byte) ('0' + (value & 7));
        }
    }

    private static long padded(long size) {
        return (size + BLOCK - 1) / BLOCK * BLOCK;
    }

    private void pad(long size) throws IOException {
        int rest = (int) (padded(size) - size);
        if (rest > 0) {
            write(zeros, 0, rest);
        }
    }

    private void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        written += len;
    }
}
