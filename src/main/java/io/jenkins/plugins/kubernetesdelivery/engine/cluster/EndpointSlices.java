package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/** Counts over a Service's EndpointSlices. A missing ready condition counts as ready (API semantics). */
public final class EndpointSlices {

    /** The label the EndpointSlice controller puts on the slices of a Service. */
    static final String SERVICE_NAME = "kubernetes.io/service-name";

    /** The annotation of the bookmark that ends a watch's initial events (WatchList, Kubernetes 1.27+). */
    static final String INITIAL_EVENTS_END = "k8s.io/initial-events-end";

    private EndpointSlices() {}

    /**
     * Waits at most {@code timeout} until the Service's EndpointSlices list a ready endpoint of the pods
     * {@code ofPods} accepts and no ready endpoint of another pod ({@link #onlyOf}), with one watch and no LIST: the
     * watch starts with the slices as they are ({@code sendInitialEvents}, ended by a bookmark), then follows them.
     * Every {@code backstop} the slices are also listed, in case the watch stops without telling. Returns the slices,
     * or {@code null} when the watch cannot answer (refused, e.g. by a server without WatchList, or closed with an
     * error): the caller then waits as before, with an informer.
     */
    public static List<EndpointSlice> awaitOnly(
            KubernetesClient client,
            String ns,
            String service,
            Predicate<String> ofPods,
            Duration timeout,
            Duration backstop)
            throws TimeoutException {
        Map<String, EndpointSlice> slices = new ConcurrentHashMap<>();
        AtomicBoolean synced = new AtomicBoolean();
        CompletableFuture<List<EndpointSlice>> done = new CompletableFuture<>();
        Runnable check = () -> {
            List<EndpointSlice> now = List.copyOf(slices.values());
            if (synced.get() && onlyOf(now, ofPods) > 0) {
                done.complete(now);
            }
        };
        ListOptions options = new ListOptionsBuilder()
                .withLabelSelector(SERVICE_NAME + "=" + service)
                .withSendInitialEvents(true)
                .withResourceVersionMatch("NotOlderThan")
                .withAllowWatchBookmarks(true)
                .build();
        Watch watch;
        try {
            watch = client.discovery()
                    .v1()
                    .endpointSlices()
                    .inNamespace(ns)
                    .watch(options, new Watcher<EndpointSlice>() {
                        @Override
                        public void eventReceived(Action action, EndpointSlice slice) {
                            if (action == Action.BOOKMARK) {
                                Map<String, String> a = slice.getMetadata().getAnnotations();
                                if (a != null && "true".equals(a.get(INITIAL_EVENTS_END))) {
                                    synced.set(true);
                                }
                            } else if (action == Action.DELETED) {
                                slices.remove(slice.getMetadata().getName());
                            } else if (action != Action.ERROR) {
                                slices.put(slice.getMetadata().getName(), slice);
                            }
                            check.run();
                        }

                        @Override
                        public void onClose(WatcherException cause) {
                            done.complete(null);
                        }
                    });
        } catch (KubernetesClientException e) {
            return null;
        }
        Future<?> poll = Backstop.every(backstop, () -> {
            try {
                List<EndpointSlice> listed = client.discovery()
                        .v1()
                        .endpointSlices()
                        .inNamespace(ns)
                        .withLabel(SERVICE_NAME, service)
                        .list()
                        .getItems();
                if (onlyOf(listed, ofPods) > 0) {
                    done.complete(listed);
                }
            } catch (RuntimeException e) {
                // the watch is the primary source
            }
        });
        try {
            return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted while waiting for endpoints of " + ns + "/" + service, e);
        } finally {
            poll.cancel(false);
            watch.close();
        }
    }

    /**
     * The ready endpoints of the pods {@code ofPods} accepts (by pod name), or 0 while a ready endpoint of another pod
     * (or of no pod) is listed too.
     */
    public static int onlyOf(List<EndpointSlice> slices, Predicate<String> ofPods) {
        int n = 0;
        for (EndpointSlice s : slices) {
            for (Endpoint e : s.getEndpoints() == null ? List.<Endpoint>of() : s.getEndpoints()) {
                if (e.getConditions() != null
                        && Boolean.FALSE.equals(e.getConditions().getReady())) {
                    continue;
                }
                if (e.getTargetRef() == null || !ofPods.test(e.getTargetRef().getName())) {
                    return 0;
                }
                n++;
            }
        }
        return n;
    }

    /** Ready endpoints across slices. */
    public static int ready(List<EndpointSlice> slices) {
        int n = 0;
        for (EndpointSlice s : slices) {
            if (s.getEndpoints() == null) {
                continue;
            }
            for (Endpoint e : s.getEndpoints()) {
                if (e.getConditions() == null
                        || e.getConditions().getReady() == null
                        || Boolean.TRUE.equals(e.getConditions().getReady())) {
                    n++;
                }
            }
        }
        return n;
    }

    /** The pod names the slices list as ready. */
    public static List<String> readyPods(List<EndpointSlice> slices) {
        return slices.stream()
                .filter(s -> s.getEndpoints() != null)
                .flatMap(s -> s.getEndpoints().stream())
                .filter(e -> e.getConditions() == null
                        || !Boolean.FALSE.equals(e.getConditions().getReady()))
                .filter(e -> e.getTargetRef() != null)
                .map(e -> e.getTargetRef().getName())
                .toList();
    }
}
