package io.jenkins.plugins.kubernetesdelivery.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.SplittableRandom;

/**
 * A deterministic workspace for the context streaming benchmark: {@code files} files holding {@code bytes} bytes in
 * all, over nested directories, with what a real repository has around its sources: {@code node_modules} (15 % of
 * the files), {@code .git} objects (3 %) and {@code *.log} files (3 %), which its {@code .dockerignore} excludes
 * ({@code node_modules}, {@code **}{@code /*.log}, {@code !keep.log}, {@code .git}); 40 % of the bytes in a few large
 * files (one in 500: 40 files of 1–3 MB for 200 MB in 20,000 files), the rest in many small ones. Same seed,
 * same tree.
 */
final class ContextTree implements AutoCloseable {

    static final String DOCKERIGNORE =
            "# what a Node project's context leaves out\nnode_modules\n**/*.log\n" + "!keep.log\n.git\n";

    final Path dir;
    final long bytes;
    final int files;

    private ContextTree(Path dir, long bytes, int files) {
        this.dir = dir;
        this.bytes = bytes;
        this.files = files;
    }

    /** Writes the tree into a new temporary directory; {@link #close()} deletes it. */
    static ContextTree create(long bytes, int files, long seed) throws IOException {
        Path dir = Files.createTempDirectory("kd-context-bench-");
        SplittableRandom random = new SplittableRandom(seed);
        byte[] pool = new byte[8 << 20]; // contents are slices of one random pool: writing stays cheap
        random.nextBytes(pool);
        Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nCOPY . /app\n");
        Files.writeString(dir.resolve(".dockerignore"), DOCKERIGNORE);
        Files.write(dir.resolve("keep.log"), "kept by the exception\n".getBytes(StandardCharsets.UTF_8));
        int large = Math.max(1, files / 500);
        int small = files - 3 - large;
        long largeBytes = bytes * 2 / 5;
        long smallAverage = Math.max(1, (bytes - largeBytes) / Math.max(1, small));
        for (int i = 0; i < large; i++) {
            long size = largeBytes / large / 2 + random.nextLong(largeBytes / large + 1);
            write(dir.resolve("assets/media" + (i % 4) + "/blob" + i + ".bin"), pool, random, size);
        }
        for (int i = 0; i < small; i++) {
            long size = random.nextLong(2 * smallAverage + 1);
            write(dir.resolve(smallPath(i)), pool, random, size);
        }
        return new ContextTree(dir, bytes, files);
    }

    /** Where the {@code i}-th small file goes: 15 % node_modules, 3 % .git, 3 % logs, the rest sources. */
    private static String smallPath(int i) {
        int kind = i % 100;
        if (kind < 15) {
            return "node_modules/pkg" + (i % 97) + "/lib/m" + i + ".js";
        }
        if (kind < 18) {
            return ".git/objects/" + Integer.toHexString(i % 256) + "/o" + i;
        }
        if (kind < 21) {
            return "src/mod" + (i % 13) + "/logs/run" + i + ".log";
        }
        return "src/mod" + (i % 13) + "/pkg" + (i % 7) + "/sub" + (i % 5) + "/File" + i + ".java";
    }

    private static void write(Path path, byte[] pool, SplittableRandom random, long size) throws IOException {
        Files.createDirectories(path.getParent());
        try (var out = Files.newOutputStream(path)) {
            long left = size;
            while (left > 0) {
                int n = (int) Math.min(left, pool.length / 2);
                out.write(pool, random.nextInt(pool.length - n + 1), n);
                left -= n;
            }
        }
    }

    /** Reads every file once, so both sides of the comparison read from the page cache. */
    void warm() throws IOException {
        byte[] buf = new byte[1 << 16];
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                try (var in = Files.newInputStream(file)) {
                    while (in.read(buf) >= 0) {
                        // reading is the point
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    @Override
    public void close() throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
