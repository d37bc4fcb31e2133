package io.jenkins.plugins.kubernetesdelivery.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientImpl;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ClusterClients;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The process's threads and heap, for benchmarks 3 and 5: live threads sampled in the background (the peak), the
 * threads grouped by name (digits folded, so "OkHttp Dispatcher" or a pool's name counts its threads), the heap used
 * after full GCs, and the OkHttp dispatcher limits of a client.
 */
final class Threads implements AutoCloseable {

    private final AtomicInteger peak = new AtomicInteger();
    private volatile Map<String, Integer> atPeak = Map.of();
    private final Thread sampler;
    private volatile boolean stop;

    /** Starts sampling the live threads every 50 ms. */
    Threads() {
        sampler = new Thread(this::sample, "bench-thread-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        while (!stop) {
            int n = live();
            if (n > peak.get()) {
                peak.set(n);
                atPeak = byName();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    int peak() {
        return peak.get();
    }

    Map<String, Integer> atPeak() {
        return atPeak;
    }

    @Override
    public void close() {
        stop = true;
        sampler.interrupt();
    }

    static int live() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /** Live threads by name with every run of digits replaced by N. */
    static Map<String, Integer> byName() {
        Map<String, Integer> m = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            m.merge(t.getName().replaceAll("[0-9]+", "N"), 1, Integer::sum);
        }
        return m;
    }

    /** {@code after} minus {@code before}, by name, only the names that grew. */
    static Map<String, Integer> grown(Map<String, Integer> before, Map<String, Integer> after) {
        Map<String, Integer> m = new TreeMap<>();
        after.forEach((k, v) -> {
            int d = v - before.getOrDefault(k, 0);
            if (d > 0) {
                m.put(k, d);
            }
        });
        return m;
    }

    /** Heap used after a few full GCs, in bytes. */
    static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The OkHttp dispatcher limits of a client: {@code maxRequests / maxRequestsPerHost}, as configured. */
    static String dispatcherLimits(KubernetesClient client) {
        if (client.getHttpClient() instanceof OkHttpClientImpl ok) {
            okhttp3.Dispatcher d = ok.getOkHttpClient().dispatcher();
            return limit(d.getMaxRequests()) + " / " + limit(d.getMaxRequestsPerHost());
        }
        return ClusterClients.transportLimits(); // a client over a shared transport
    }

    private static String limit(int n) {
        return n == Integer.MAX_VALUE ? "unlimited" : Integer.toString(n);
    }

    /** The largest groups of {@code m}, "name ×n" joined, at most {@code max}. */
    static String top(Map<String, Integer> m, int max) {
        return m.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(max)
                .map(e -> e.getKey() + " ×" + e.getValue())
                .reduce((a, b) -> a + ", " + b)
                .orElse("none");
    }
}
