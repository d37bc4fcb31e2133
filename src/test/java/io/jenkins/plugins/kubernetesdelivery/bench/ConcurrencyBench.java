package io.jenkins.plugins.kubernetesdelivery.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ClusterFixture;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ManifestFile;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseEngine;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseRequest;
import io.jenkins.plugins.kubernetesdelivery.testenv.AuditLog;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark 3: concurrency through one process. (a) {@value #APPS} deploys of {@value #APPS} distinct apps at once
 * (their second deploy; each with a client of its own, as a step opens one): total time, per-deploy p50/p90, the
 * worst vs the median, 429s (client side and the audit log's), the dispatcher limits, peak threads, threads and
 * watches per deploy. (b) {@value #SAME} deploys of the same app at once: the Lease serialises them; how long each
 * waited for it (call → its "deploying" line) against its lockTimeout, and whether any failed.
 */
final class ConcurrencyBench {

    static final int APPS = 50, SAME = 10, REPLICAS = 1;

    private final BenchCluster cluster;
    private final AuditLog audit;
    private final StringBuilder out = new StringBuilder();

    ConcurrencyBench(BenchCluster cluster, AuditLog audit) {
        this.cluster = cluster;
        this.audit = audit;
    }

    /** One deploy's outcome: call → return, call → its "deploying" line (the Lease taken), its failure. */
    record Outcome(long nanos, long leaseNanos, String failure) {}

    /** Runs {@code requests} at once, each on its own thread with its own client named {@code agent(i)}. */
    private List<Outcome> atOnce(List<ReleaseRequest> requests, String agentPrefix) throws InterruptedException {
        int n = requests.size();
        Outcome[] outcomes = new Outcome[n];
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            Thread t = new Thread(
                    () -> {
                        try {
                            start.await();
                        } catch (InterruptedException e) {
                            return;
                        }
                        long t0 = System.nanoTime();
                        AtomicLong lease = new AtomicLong(-1);
                        String failure = null;
                        try (KubernetesClient c = cluster.operation(agentPrefix + k)) {
                            new ReleaseEngine(
                                            c,
                                            line -> {
                                                if (line.startsWith("deploying ")) {
                                                    lease.compareAndSet(-1, System.nanoTime() - t0);
                                                }
                                            },
                                            Clock.systemUTC())
                                    .deploy(requests.get(k));
                        } catch (RuntimeException e) {
                            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
                        }
                        outcomes[k] = new Outcome(System.nanoTime() - t0, lease.get(), failure);
                    },
                    "bench-deploy-" + i);
            threads.add(t);
            t.start();
        }
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        return List.of(outcomes);
    }

    /** A deploy of {@code app} with {@value #REPLICAS} replica (the testenv's 2 nodes take 110 pods each). */
    private ReleaseRequest request(String app, int build) {
        return RollbackBench.request(app, cluster.namespace, build)
                .manifests(List.of(
                        new ManifestFile("k8s/" + app + ".yaml", ClusterFixture.manifests(app, REPLICAS, Map.of()))))
                .build();
    }

    String run() throws Exception {
        String ns = cluster.namespace;
        int fresh = Threads.live(); // before any deploy's client: the set-up leaves idle pooled threads for a while
        System.out.println("benchmark 3a: " + APPS + " first deploys at once (set-up)");
        List<ReleaseRequest> first = new ArrayList<>(), second = new ArrayList<>();
        for (int i = 0; i < APPS; i++) {
            first.add(request("conc" + i, 1));
            second.add(request("conc" + i, 2));
        }
        long s0 = System.nanoTime();
        List<Outcome> setup = atOnce(first, "conc-setup-");
        System.out.printf("  set-up took %.1f s%n", (System.nanoTime() - s0) / 1e9);
        long setupFailed = setup.stream().filter(o -> o.failure() != null).count();

        System.out.println("benchmark 3a: " + APPS + " second deploys at once");
        String limits;
        try (KubernetesClient probe = cluster.client("kd-bench-probe")) {
            limits = Threads.dispatcherLimits(probe);
        }
        Threads.heapAfterGc();
        int baseline = Threads.live();
        Map<String, Integer> before = Threads.byName();
        long t0 = System.nanoTime();
        List<Outcome> measured;
        Map<String, Integer> atPeak;
        int peak;
        try (Threads sampler = new Threads()) {
            measured = atOnce(second, "conc-");
            peak = sampler.peak();
            atPeak = sampler.atPeak();
        }
        double total = (System.nanoTime() - t0) / 1e9;
        Thread.sleep(2000); // the audit log writes a watch's event once it is closed
        List<AuditLog.Request> requests = audit.byUserAgent(cluster.agent("conc-"));
        List<AuditLog.Request> ours = requests.stream()
                .filter(r -> !r.userAgent().startsWith(cluster.agent("conc-setup-")))
                .toList();
        Map<String, Integer> watchesByAgent = new TreeMap<>();
        Map<String, Integer> maxWatchesByResource = new ConcurrentHashMap<>();
        ours.stream().filter(r -> r.verb().equals("watch")).forEach(r -> {
            watchesByAgent.merge(r.userAgent(), 1, Integer::sum);
        });
        for (String agent : watchesByAgent.keySet()) {
            Map<String, Integer> perResource = new TreeMap<>();
            ours.stream()
                    .filter(r -> r.userAgent().equals(agent) && r.verb().equals("watch"))
                    .forEach(r -> perResource.merge(r.resource(), 1, Integer::sum));
            perResource.forEach((k, v) -> maxWatchesByResource.merge(k, v, Math::max));
        }
        long audit429 = requests.stream().filter(r -> r.code() == 429).count();
        long client429 = measured.stream()
                .filter(o -> o.failure() != null && o.failure().contains("429"))
                .count();
        Samples s = new Samples();
        measured.forEach(o -> s.add(o.nanos()));
        long failed = measured.stream().filter(o -> o.failure() != null).count();
        measured.stream()
                .filter(o -> o.failure() != null)
                .limit(3)
                .forEach(o -> System.out.println("  failed: " + o.failure()));
        double worst = s.percentile(100);
        double watchesPerDeploy =
                watchesByAgent.values().stream().mapToInt(i -> i).sum() / (double) APPS;
        int grownThreads = peak - baseline;

        out.append("**Benchmark 3: concurrent deploys through one process** (each deploy a client of its own, as a"
                        + " step opens one; " + REPLICAS + " replica, pods Ready after the testenv's delay)\n\n")
                .append("| measure | value |\n|---|---|\n");
        row("deploys at once (distinct apps, their second deploy)", APPS + " (set-up: " + setupFailed + " failed)");
        row("failed", Long.toString(failed));
        row("total time", String.format("%.1f s", total));
        row(
                "per deploy p50 / p90 / worst",
                Samples.ms(s.p50()) + " / " + Samples.ms(s.p90()) + " / " + Samples.ms(worst));
        row("worst / median (goal ≤ 2×)", String.format("%.2f×", worst / s.p50()));
        row("429s: client side (failed with 429) / audit log (responseStatus 429)", client429 + " / " + audit429);
        row("dispatcher limits of a client (maxRequests / maxRequestsPerHost)", limits);
        row(
                "live threads: before any client / after the set-up (baseline) / peak",
                fresh + " / " + baseline + " / " + peak);
        row(
                "threads per deploy at the peak over the threads before any client ((peak - before) / " + APPS + ")",
                String.format("%.1f", (peak - fresh) / (double) APPS));
        row(
                "threads per deploy at the peak ((peak - baseline) / " + APPS + "; one of them the caller's own)",
                String.format("%.1f", grownThreads / (double) APPS));
        row("threads grown at the peak, by name", Threads.top(Threads.grown(before, atPeak), 6));
        row(
                "watches per deploy (audit log; at most per kind)",
                String.format("%.1f (%s)", watchesPerDeploy, maxWatchesByResource));
        row("requests in all (audit log)", Integer.toString(ours.size()));

        System.out.println("benchmark 3b: " + SAME + " deploys of the same app at once");
        atOnce(List.of(request("same", 1)), "same-setup-");
        List<ReleaseRequest> same = new ArrayList<>();
        for (int i = 0; i < SAME; i++) {
            same.add(request("same", 2 + i));
        }
        long t1 = System.nanoTime();
        List<Outcome> serial = atOnce(same, "same-");
        double totalSame = (System.nanoTime() - t1) / 1e9;
        Samples waits = new Samples();
        serial.stream().filter(o -> o.leaseNanos() >= 0).forEach(o -> waits.add(o.leaseNanos()));
        long sameFailed = serial.stream().filter(o -> o.failure() != null).count();
        serial.stream()
                .filter(o -> o.failure() != null)
                .limit(3)
                .forEach(o -> System.out.println("  failed: " + o.failure()));
        List<String> each = serial.stream()
                .filter(o -> o.leaseNanos() >= 0)
                .map(o -> o.leaseNanos() / 1e9)
                .sorted()
                .map(v -> String.format("%.1f", v))
                .toList();
        double lockTimeout = ReleaseRequest.DEFAULT_LOCK_TIMEOUT.toSeconds();
        row("**" + SAME + " deploys of one app at once**: failed", Long.toString(sameFailed));
        row("their total time", String.format("%.1f s", totalSame));
        row("wait for the Lease (call → \"deploying\"), s, sorted", String.join(", ", each));
        row("longest wait / lockTimeout", String.format("%.1f s / %.0f s", waits.percentile(100) / 1000, lockTimeout));
        out.append('\n');
        return out.toString();
    }

    private void row(String what, String value) {
        out.append("| ").append(what).append(" | ").append(value).append(" |\n");
    }

    /** Runs benchmark 3 alone: arguments the kubeconfig of a testenv with the audit log on. */
    public static void main(String[] args) throws Exception {
        Path kubeconfig = Path.of(args[0]);
        try (BenchCluster cluster = new BenchCluster(kubeconfig)) {
            String section = new ConcurrencyBench(cluster, AuditLog.besides(kubeconfig)).run();
            System.out.println();
            System.out.println(BenchReport.machine());
            System.out.println();
            System.out.println(section);
        }
    }
}
