package io.jenkins.plugins.kubernetesdelivery.bench;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ClusterFixture;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ManifestFile;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseEngine;
import io.jenkins.plugins.kubernetesdelivery.testenv.KwokStages;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark 5: the controller's footprint per waiting deploy. {@value #DEPLOYS} first deploys at once whose pods
 * become Ready only {@value #READY_AFTER_S} s after they are scheduled (a kwok Stage of the bench's own: a copy of
 * the testenv's pod-ready Stage selecting the bench's pod label, with that delay). Once every deploy waits for its
 * rollout: (live threads - baseline) / {@value #DEPLOYS} and (heap used after full GCs - baseline) / {@value
 * #DEPLOYS}, the baseline taken before with the same GCs. Each deploy runs on a thread of its own, as a step does;
 * that thread is counted.
 */
final class FootprintBench {

    static final int DEPLOYS = 100, READY_AFTER_S = 90;

    private final BenchCluster cluster;

    FootprintBench(BenchCluster cluster) {
        this.cluster = cluster;
    }

    private NonNamespaceOperation<
                    GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            stages() {
        return cluster.observer.genericKubernetesResources("kwok.x-k8s.io/v1alpha1", "Stage");
    }

    /** A copy of the pod-ready Stage for pods labeled {@code value}, Ready after {@value #READY_AFTER_S} s. */
    @SuppressWarnings("unchecked")
    private GenericKubernetesResource slowStage(String value) {
        GenericKubernetesResource ready = stages().withName("pod-ready").get();
        Map<String, Object> spec =
                (Map<String, Object>) ready.getAdditionalProperties().get("spec");
        Map<String, Object> selector = (Map<String, Object>) spec.get("selector");
        List<Map<String, Object>> expressions = new ArrayList<>();
        for (Map<String, Object> e : (List<Map<String, Object>>) selector.get("matchExpressions")) {
            if (String.valueOf(e.get("key")).contains(KwokStages.LABEL)) {
                e = Map.of("key", e.get("key"), "operator", "In", "values", List.of(value));
            }
            expressions.add(e);
        }
        selector.put("matchExpressions", expressions);
        spec.put("delay", Map.of("durationMilliseconds", READY_AFTER_S * 1000));
        GenericKubernetesResource slow = new GenericKubernetesResource();
        slow.setApiVersion(ready.getApiVersion());
        slow.setKind(ready.getKind());
        ObjectMeta meta = new ObjectMeta();
        meta.setName(value + "-slow-ready");
        slow.setMetadata(meta);
        slow.setAdditionalProperty("spec", spec);
        return stages().resource(slow).create();
    }

    String run() throws Exception {
        String ns = cluster.namespace;
        String value = "footprint-" + UUID.randomUUID().toString().substring(0, 8);
        GenericKubernetesResource stage = slowStage(value);
        try {
            return measure(ns, value);
        } finally {
            stages().resource(stage).delete();
        }
    }

    private String measure(String ns, String value) throws Exception {
        System.out.println("benchmark 5: " + DEPLOYS + " deploys waiting for pods Ready after " + READY_AFTER_S + " s");
        // warm-up: one client and one engine call, so that classes and shared singletons are not counted
        try (KubernetesClient c = cluster.client("kd-bench-setup")) {
            new ReleaseEngine(c, line -> {}, Clock.systemUTC()).history("none", ns);
        }
        long heap0 = Threads.heapAfterGc();
        int threads0 = Threads.live();
        Map<String, Integer> names0 = Threads.byName();
        AtomicInteger waiting = new AtomicInteger(), done = new AtomicInteger(), failed = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(DEPLOYS);
        long t0 = System.nanoTime();
        for (int i = 0; i < DEPLOYS; i++) {
            String app = "wait" + i;
            Thread t = new Thread(
                    () -> {
                        try (KubernetesClient c = cluster.operation("footprint-" + app)) {
                            new ReleaseEngine(
                                            c,
                                            line -> {
                                                if (line.startsWith("applying ")) {
                                                    waiting.incrementAndGet();
                                                }
                                            },
                                            Clock.systemUTC())
                                    .deploy(RollbackBench.request(app, ns, 1)
                                            .manifests(List.of(new ManifestFile(
                                                    "k8s/" + app + ".yaml",
                                                    ClusterFixture.manifests(app, 1, Map.of(KwokStages.LABEL, value)))))
                                            .rolloutTimeout(Duration.ofSeconds(READY_AFTER_S * 3L))
                                            .build());
                            done.incrementAndGet();
                        } catch (RuntimeException e) {
                            failed.incrementAndGet();
                            System.out.println("  failed: " + e.getMessage());
                        } finally {
                            finished.countDown();
                        }
                    },
                    "bench-wait-" + i);
            t.start();
        }
        // every deploy has applied its objects and none has finished: all wait for their pods
        while (waiting.get() + failed.get() < DEPLOYS && finished.getCount() > 0) {
            Thread.sleep(200);
        }
        Thread.sleep(5000); // let each settle into its wait (watches opened)
        double allWaitingAfter = (System.nanoTime() - t0) / 1e9;
        int threads1 = Threads.live();
        Map<String, Integer> names1 = Threads.byName();
        long heap1 = Threads.heapAfterGc();
        int stillWaiting = (int) finished.getCount();
        System.out.printf(
                "  measured with %d waiting after %.1f s; waiting for the rest%n", stillWaiting, allWaitingAfter);
        finished.await();
        double total = (System.nanoTime() - t0) / 1e9;
        double threadsPer = (threads1 - threads0) / (double) DEPLOYS;
        double mbPer = (heap1 - heap0) / (double) DEPLOYS / (1024 * 1024);
        StringBuilder out = new StringBuilder();
        out.append("**Benchmark 5: controller footprint per waiting deploy** (" + DEPLOYS + " first deploys at once,"
                        + " 1 replica each, pods Ready " + READY_AFTER_S + " s after they are scheduled; each deploy"
                        + " on a thread of its own, counted)\n\n")
                .append("| measure | value |\n|---|---|\n")
                .append(String.format(
                        "| deploys waiting when measured | %d of %d (%.1f s after the start) |%n",
                        stillWaiting, DEPLOYS, allWaitingAfter))
                .append(String.format("| live threads: baseline / all waiting | %d / %d |%n", threads0, threads1))
                .append(String.format("| threads per waiting deploy (goal ≤ 2) | %.2f |%n", threadsPer))
                .append(String.format(
                        "| threads grown, by name | %s |%n", Threads.top(Threads.grown(names0, names1), 6)))
                .append(String.format(
                        "| heap after full GC: baseline / all waiting | %.1f MB / %.1f MB |%n",
                        heap0 / 1048576.0, heap1 / 1048576.0))
                .append(String.format("| heap per waiting deploy (goal ≤ 2 MB) | %.2f MB |%n", mbPer))
                .append(String.format(
                        "| deploys done / failed; all returned after | %d / %d; %.1f s |%n",
                        done.get(), failed.get(), total))
                .append('\n');
        return out.toString();
    }

    /** Runs benchmark 5 alone: argument the kubeconfig of a testenv. */
    public static void main(String[] args) throws Exception {
        try (BenchCluster cluster = new BenchCluster(Path.of(args[0]))) {
            String section = new FootprintBench(cluster).run();
            System.out.println();
            System.out.println(BenchReport.machine());
            System.out.println();
            System.out.println(section);
        }
    }
}
