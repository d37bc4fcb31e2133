package io.jenkins.plugins.kubernetesdelivery.bench;

import io.jenkins.plugins.kubernetesdelivery.engine.image.BuildContext;
import io.jenkins.plugins.kubernetesdelivery.engine.image.LocalWorkspaceFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 10, benchmark 4: context streaming. The path a bake's upload runs on the workspace's agent
 * ({@code WorkspaceContext.Write}: the {@code .dockerignore} scan of {@link BuildContext} over
 * {@link LocalWorkspaceFiles}, then its tar writer through a 64 KiB {@link BufferedOutputStream}) into a counting
 * sink, against {@code tar -cf - --no-recursion -T <the same entries> | cat > /dev/null} over the same tree (GNU
 * tar, given the list our scan kept, so both archive the same files; tar does no scan). Alternating repetitions
 * after one warm-up of each, the page cache warm. Then the heap: the same path in a child JVM with {@code -Xmx32m}
 * on the full tree, on a tree of a quarter of the bytes and the same number of files, and on one of a quarter of
 * both. Numbers are printed, never asserted. Run alone: {@code main [megabytes [files [repetitions]]]}.
 */
public final class ContextStreamBench {

    static final long SEED = 20_261_201L;
    static final String XMX = "-Xmx32m";
    private static final double MB = 1e6;

    final long bytes;
    final int files;
    final int reps;
    final Samples ours = new Samples();
    final Samples tar = new Samples();
    long oursBytes;
    long tarBytes;
    final List<String> heapRows = new ArrayList<>();

    ContextStreamBench(long bytes, int files, int reps) {
        this.bytes = bytes;
        this.files = files;
        this.reps = reps;
    }

    /**
     * The size from system properties {@code bench.context.mb} (default 200), {@code bench.context.files} (20000)
     * and {@code bench.context.reps} (5), for {@link PerformanceBench}.
     */
    static ContextStreamBench fromProperties() {
        return new ContextStreamBench(
                Long.getLong("bench.context.mb", 200) * 1_000_000L,
                Integer.getInteger("bench.context.files", 20_000),
                Integer.getInteger("bench.context.reps", 5));
    }

    public static void main(String[] args) throws Exception {
        ContextStreamBench bench = new ContextStreamBench(
                (args.length > 0 ? Long.parseLong(args[0]) : 200) * 1_000_000L,
                args.length > 1 ? Integer.parseInt(args[1]) : 20_000,
                args.length > 2 ? Integer.parseInt(args[2]) : 5);
        System.out.println(bench.section());
    }

    /** Runs the benchmark and returns its section of docs/performance.md. */
    String section() throws IOException, InterruptedException {
        long started = System.nanoTime();
        try (ContextTree tree = ContextTree.create(bytes, files, SEED)) {
            tree.warm();
            Path list = Files.createTempFile("kd-context-bench-", ".list");
            try {
                Files.write(list, entries(tree.dir), StandardCharsets.UTF_8);
                tarBytes = runTar(tree.dir, list, "wc -c");
                oursBytes = ours(tree.dir, OutputStream.nullOutputStream());
                runTar(tree.dir, list, "cat > /dev/null"); // the warm-ups
                for (int i = 0; i < reps; i++) {
                    long t0 = System.nanoTime();
                    ours(tree.dir, OutputStream.nullOutputStream());
                    ours.add(System.nanoTime() - t0);
                    long t1 = System.nanoTime();
                    runTar(tree.dir, list, "cat > /dev/null");
                    tar.add(System.nanoTime() - t1);
                }
            } finally {
                Files.deleteIfExists(list);
            }
            heapRows.add(heap(tree.dir, bytes, files));
        }
        for (long[] size : new long[][] {{bytes / 4, files}, {bytes / 4, files / 4}}) {
            try (ContextTree tree = ContextTree.create(size[0], (int) size[1], SEED)) {
                heapRows.add(heap(tree.dir, size[0], (int) size[1]));
            }
        }
        return report((System.nanoTime() - started) / 1e9);
    }

    /** Our path: the scan, then the tar through the upload's 64 KiB buffer into {@code sink}; the bytes written. */
    static long ours(Path dir, OutputStream sink) throws IOException {
        Counting counting = new Counting(sink);
        BuildContext context = BuildContext.scan(new LocalWorkspaceFiles(dir), "", "Dockerfile");
        BufferedOutputStream buffered = new BufferedOutputStream(counting, 64 * 1024);
        context.writeTo(buffered);
        buffered.flush();
        return counting.count;
    }

    static long tarSize(Path dir) throws IOException {
        return BuildContext.scan(new LocalWorkspaceFiles(dir), "", "Dockerfile").tarSize();
    }

    private static List<String> entries(Path dir) throws IOException {
        return BuildContext.scan(new LocalWorkspaceFiles(dir), "", "Dockerfile").entries().stream()
                .map(BuildContext.Entry::path)
                .toList();
    }

    /** {@code tar -cf - --no-recursion -T list | <then>} in {@code dir}; what {@code then} prints, as a number. */
    private static long runTar(Path dir, Path list, String then) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(
                        "sh",
                        "-c",
                        "tar -cf - --no-recursion --verbatim-files-from -T \"$1\" | " + then,
                        "sh",
                        list.toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0) {
            throw new IOException("tar failed: " + out);
        }
        return out.isEmpty() ? 0 : Long.parseLong(out);
    }

    /** One row of the heap table: our path in a child JVM with {@value #XMX}. */
    private static String heap(Path dir, long bytes, int files) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        XMX,
                        "-cp",
                        System.getProperty("java.class.path"),
                        ContextHeapProbe.class.getName(),
                        dir.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        int exit = p.waitFor();
        String line = out.lines().filter(l -> l.startsWith("heap ")).findFirst().orElse(null);
        if (exit != 0 || line == null) {
            return "| " + mb(bytes) + " MB in " + files + " files | failed (exit " + exit + "): "
                    + out.lines().findFirst().orElse("") + " | | |";
        }
        String[] f = line.split(" ");
        return "| " + mb(bytes) + " MB in " + files + " files | " + mb(Long.parseLong(f[1])) + " MB | "
                + mib(Long.parseLong(f[2])) + " | " + mib(Long.parseLong(f[3])) + " |";
    }

    private String report(double seconds) {
        double oursRate = oursBytes / (ours.p50() / 1000) / MB;
        double tarRate = tarBytes / (tar.p50() / 1000) / MB;
        StringBuilder s = new StringBuilder();
        s.append("**Benchmark 4: context streaming** (")
                .append(mb(bytes))
                .append(" MB in ")
                .append(files)
                .append(" files, seed ")
                .append(SEED)
                .append("; ")
                .append(reps)
                .append(" alternating repetitions after one warm-up each, page cache warm; MB = 10^6 bytes; ")
                .append(BenchReport.machine())
                .append("; took ")
                .append(Math.round(seconds))
                .append(" s)\n\n");
        s.append("| way | tar bytes | p50 | p90 | MB/s at p50 |\n|---|---|---|---|---|\n");
        s.append(row("scan + tar writer (ours)", oursBytes, ours, oursRate));
        s.append(row("`tar -cf - --no-recursion -T list \\| cat` (the same entries)", tarBytes, tar, tarRate));
        s.append("\nThroughput ratio ours / tar: **")
                .append(String.format("%.2f", oursRate / tarRate))
                .append("** (goal ≥ 0.80).\n\n");
        s.append("Heap of the same path in a JVM with `")
                .append(XMX)
                .append("` (used right after a full GC at half the stream; the most any GC of the run left):\n\n");
        s.append("| tree | tar | live heap mid-stream | max heap after a GC |\n|---|---|---|---|\n");
        heapRows.forEach(r -> s.append(r).append('\n'));
        return s.toString();
    }

    private static String row(String way, long bytes, Samples s, double rate) {
        return "| " + way + " | " + bytes + " | " + Samples.ms(s.p50()) + " | " + Samples.ms(s.p90()) + " | "
                + String.format("%.0f", rate) + " |\n";
    }

    private static String mb(long bytes) {
        return String.format("%.0f", bytes / MB);
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1048576.0);
    }

    /** Counts what passes through to {@code out}. */
    private static final class Counting extends OutputStream {
        private final OutputStream out;
        long count;

        Counting(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
