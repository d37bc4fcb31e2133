package io.jenkins.plugins.kubernetesdelivery.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ClusterFixture;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseEngine;
import io.jenkins.plugins.kubernetesdelivery.engine.release.RollbackRequest;
import io.jenkins.plugins.kubernetesdelivery.testenv.AuditLog;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Benchmark 2: the API requests of each operation, as the API server's audit log records them (each operation has a
 * client of its own, told apart by its user agent): first deploy, second deploy, a deploy the API server refuses in
 * the dry run (must change nothing), warm rollback, cold rollback; the same one-Service app of {@link RollbackBench}.
 */
final class RequestBench {

    static final String FIRST = "first deploy",
            SECOND = "second deploy",
            REFUSED = "deploy refused by validation",
            WARM = "warm rollback",
            COLD = "cold rollback",
            RERUN = "re-run deploy (same release)";

    private final BenchCluster cluster;
    private final AuditLog audit;
    /** Operation → its user agent. */
    final Map<String, String> agents = new LinkedHashMap<>();

    final Map<String, List<AuditLog.Request>> requests = new LinkedHashMap<>();
    /** Benchmark 6: call → return of a re-run deploy (the live release's content again), each with a new client. */
    final Samples rerun = new Samples();

    private final int reps;

    RequestBench(BenchCluster cluster, AuditLog audit, int reps) {
        this.cluster = cluster;
        this.audit = audit;
        this.reps = reps;
    }

    void run() throws InterruptedException {
        String app = "count";
        String ns = cluster.namespace;
        operation(
                FIRST,
                "count-first",
                e -> e.deploy(RollbackBench.request(app, ns, 1).build()));
        operation(
                SECOND,
                "count-second",
                e -> e.deploy(RollbackBench.request(app, ns, 2).build()));
        operation(REFUSED, "count-refused", e -> {
            try {
                e.deploy(RollbackBench.request(app, ns, 3)
                        .manifests(List.of())
                        .manifest(
                                "k8s/count.yaml",
                                ClusterFixture.manifests(app, RollbackBench.REPLICAS, Map.of())
                                        .replace("containerPort: 8080", "containerPort: 80800"))
                        .build());
                throw new IllegalStateException("the refused deploy went through");
            } catch (DeliveryException expected) {
                System.out.println("  refused as expected: " + expected.getMessage());
            }
        });
        try (KubernetesClient c = cluster.client("kd-bench-setup")) { // makes v1 cold
            new ReleaseEngine(c, line -> {}, Clock.systemUTC())
                    .deploy(RollbackBench.request(app, ns, 3).build());
        }
        // benchmark 6: the build of v3 run again (another build URL): its content is the live release's
        operation(
                RERUN,
                "count-rerun",
                e -> e.deploy(RollbackBench.request(app, ns, 3)
                        .buildUrl("https://ci.example.com/job/count/rerun/")
                        .build()));
        for (int i = 1; i <= reps; i++) {
            try (KubernetesClient c = cluster.client("kd-bench-rerun")) {
                long t0 = System.nanoTime();
                new ReleaseEngine(c, line -> {}, Clock.systemUTC())
                        .deploy(RollbackBench.request(app, ns, 3)
                                .buildUrl("https://ci.example.com/job/count/rerun-" + i + "/")
                                .build());
                rerun.add(System.nanoTime() - t0);
            }
        }
        operation(WARM, "count-warm", e -> e.rollback(new RollbackRequest(app, ns, "previous", "bench", null)));
        operation(COLD, "count-cold", e -> e.rollback(new RollbackRequest(app, ns, "v1", "bench", null)));
        Thread.sleep(1500); // the API server logs a request once it completed; watches complete when closed
        agents.forEach((what, ua) -> requests.put(what, audit.read(q -> ua.equals(q.userAgent()))));
        requests.forEach((what, list) -> System.out.print("  " + what + ": " + AuditLog.summary(list)));
    }

    /** Runs one operation with a client of its own. */
    void operation(String what, String name, Consumer<ReleaseEngine> op) {
        String ua = cluster.agent(name);
        agents.put(what, ua);
        System.out.println("benchmark 2: " + what);
        try (KubernetesClient c = cluster.client(ua)) {
            op.accept(new ReleaseEngine(c, line -> {}, Clock.systemUTC()));
        }
    }
}
