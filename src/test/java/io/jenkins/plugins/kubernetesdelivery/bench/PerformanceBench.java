package io.jenkins.plugins.kubernetesdelivery.bench;

import io.jenkins.plugins.kubernetesdelivery.testenv.AuditLog;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The benchmarks of docs/performance.md, against a running testenv started by {@code bench/up} (audit log on, pods
 * Ready after 5 s): benchmark 2 (requests per operation, from the API server's audit log), then benchmark 1 (getting
 * the previous version back, four ways, two clocks), then benchmarks 3 (concurrent deploys) and 5 (footprint per
 * waiting deploy), then benchmark 4 (context streaming, no cluster: {@link ContextStreamBench}, sized by its system
 * properties). Prints the tables, writes them into docs/performance.md
 * between its markers, and plots them to docs/performance.png with gnuplot. Numbers are printed, never asserted.
 * Run by {@code bench/run}; arguments: the kubeconfig, the repository root, the repetitions.
 */
public final class PerformanceBench {

    private PerformanceBench() {}

    /** Benchmarks 3 and 5, each in a namespace of its own (the testenv's 2 nodes hold 220 pods in all). */
    static String concurrencyAndFootprint(Path kubeconfig, AuditLog audit) throws Exception {
        String sections;
        try (BenchCluster c = new BenchCluster(kubeconfig)) {
            sections = new ConcurrencyBench(c, audit).run();
        }
        try (BenchCluster c = new BenchCluster(kubeconfig)) {
            sections += new FootprintBench(c).run();
        }
        return sections;
    }

    public static void main(String[] args) throws Exception {
        Path kubeconfig = Path.of(args[0]);
        Path root = Path.of(args[1]);
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        AuditLog audit = AuditLog.besides(kubeconfig);
        if (!audit.exists()) {
            throw new IllegalStateException("no audit log next to " + kubeconfig + ": start the bench's testenv with"
                    + " bench/up (TESTENV_AUDIT=1)");
        }
        long started = System.nanoTime();
        try (BenchCluster cluster = new BenchCluster(kubeconfig)) {
            System.out.println("namespace " + cluster.namespace + ", " + reps + " repetitions");
            RequestBench requests = new RequestBench(cluster, audit, reps);
            requests.run();
            RollbackBench rollbacks = new RollbackBench(cluster, reps);
            rollbacks.run();
            BenchReport report = new BenchReport(requests, rollbacks, reps, (System.nanoTime() - started) / 1e9);
            String tables = report.tables() + "\n" + concurrencyAndFootprint(kubeconfig, audit) + "\n"
                    + ContextStreamBench.fromProperties().section(); // benchmark 4 needs no cluster
            System.out.println();
            System.out.println(tables);
            Path doc = root.resolve("docs/performance.md");
            Files.writeString(doc, BenchReport.between(Files.readString(doc), tables));
            report.plot(root.resolve("docs/performance.png"));
            System.out.println("wrote " + doc + " and docs/performance.png");
        }
    }
}
