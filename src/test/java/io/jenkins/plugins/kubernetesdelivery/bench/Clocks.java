package io.jenkins.plugins.kubernetesdelivery.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.EndpointSlices;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The two clocks of one call: call → return, and call → the Service's EndpointSlices list only the target's pods
 * (as ready), seen by an informer of the observer client that was running before the call started.
 */
final class Clocks {

    /** What one call took, in nanoseconds. */
    record Times(long toReturn, long toSwitch) {}

    /** Something measured that may throw. */
    interface Call {
        void run() throws Exception;
    }

    private Clocks() {}

    static Times measure(
            KubernetesClient observer, String namespace, String service, Predicate<String> targetPods, Call call)
            throws Exception {
        AtomicLong start = new AtomicLong();
        AtomicLong switched = new AtomicLong();
        CompletableFuture<?> seen = observer.discovery()
                .v1()
                .endpointSlices()
                .inNamespace(namespace)
                .withLabel("kubernetes.io/service-name", service)
                .informOnCondition(slices -> {
                    long t0 = start.get();
                    if (t0 != 0 && EndpointSlices.onlyOf(slices, targetPods) > 0) {
                        switched.compareAndSet(0, System.nanoTime());
                        return true;
                    }
                    return false;
                });
        try {
            long t0 = System.nanoTime();
            start.set(t0);
            call.run();
            long returned = System.nanoTime() - t0;
            // the condition is checked at each event: one that came before start was set is checked again here
            seen.get(180, TimeUnit.SECONDS);
            return new Times(returned, switched.get() - t0);
        } finally {
            seen.cancel(true);
        }
    }
}
