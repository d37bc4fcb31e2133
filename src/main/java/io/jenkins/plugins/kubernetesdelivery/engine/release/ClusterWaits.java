package io.jenkins.plugins.kubernetesdelivery.engine.release;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubernetesdelivery.engine.ProgressListener;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Waits on the cluster with informers (list, then watch; a 410 Gone relists), with a plain GET every
 * {@link Informers#backstop} as the backstop for a watch that stops silently. Every wait is bounded and ends with a
 * one-line reason.
 */
final class ClusterWaits {

    private final KubernetesClient client;
    private final ProgressListener progress;

    ClusterWaits(KubernetesClient client, ProgressListener progress) {
        this.client = client;
        this.progress = progress;
    }

    /** Waits until the Deployment's rollout is done (kubectl semantics), or fails with the pods' reason. */
    void rollout(String ns, String name, Map<String, String> podLabels, Duration timeout) {
        AtomicReference<RolloutStatus> last = new AtomicReference<>();
        AtomicReference<List<Pod>> pods = new AtomicReference<>(List.of());
        AtomicReference<String> fatal = new AtomicReference<>();
        AtomicInteger reported = new AtomicInteger(-1);
        CompletableFuture<List<Deployment>> deployment = Informers.await(
                client.apps().deployments().inNamespace(ns).withName(name),
                () -> java.util.Optional.ofNullable(client.apps().deployments().inNamespace(ns).withName(name).get())
                        .map(List::of).orElse(List.of()),
                list -> {
                    if (list.isEmpty()) {
                        return false;
                    }
                    RolloutStatus s = RolloutStatus.of(list.get(0));
                    last.set(s);
                    if (reported.getAndSet(s.ready()) != s.ready()) {
                        progress.line(ns + "/" + name + " " + s.ready() + "/" + s.desired() + " ready");
                    }
                    return s.done() || s.failure() != null;
                });
        CompletableFuture<List<Pod>> podWatch = Informers.await(client.pods().inNamespace(ns).withLabels(podLabels),
                () -> client.pods().inNamespace(ns).withLabels(podLabels).list().getItems(),
                list -> {
                    pods.set(List.copyOf(list));
                    list.stream().map(PodDiagnosis::fatal).flatMap(java.util.Optional::stream).findFirst()
                            .ifPresent(fatal::set);
                    return fatal.get() != null;
                });
        try {
            Informers.get(CompletableFuture.anyOf(deployment, podWatch), timeout, ns + "/" + name,
                    "waiting for " + ns + "/" + name);
            if (fatal.get() != null) {
                throw new ReleaseException(ns + "/" + name + " cannot become ready: " + fatal.get());
            }
            RolloutStatus s = last.get();
            if (s != null && s.failure() != null) {
                throw new ReleaseException(ns + "/" + name + " failed: " + s.failure()
                        + PodDiagnosis.summary(pods.get()).map(r -> "; " + r).orElse(""));
            }
        } catch (TimeoutException e) {
            RolloutStatus s = last.get();
            throw new ReleaseException(ns + "/" + name + " is not ready after " + timeout.toSeconds() + " s"
                    + (s == null ? "" : ": " + s.ready() + "/" + s.desired() + " ready"
                            + (s.waitingFor() == null ? "" : ", waiting for " + s.waitingFor()))
                    + PodDiagnosis.summary(pods.get()).map(r -> "; " + r).orElse(""));
        } finally {
            deployment.cancel(true);
            podWatch.cancel(true);
        }
    }

    /**
     * Waits until the Service's EndpointSlices list a ready endpoint of the release ({@code ofRelease} tells by pod
     * name) and no ready endpoint of another pod: just after a selector moves, the slices may still list the pods
     * it selected before.
     */
    void readyEndpoints(String ns, String service, Predicate<String> ofRelease, Duration timeout) {
        CompletableFuture<List<EndpointSlice>> f = Informers.await(client.discovery().v1().endpointSlices().inNamespace(ns)
                .withLabel("kubernetes.io/service-name", service),
                () -> client.discovery().v1().endpointSlices().inNamespace(ns)
                        .withLabel("kubernetes.io/service-name", service).list().getItems(),
                list -> onlyRelease(list, ofRelease) > 0);
        try {
            List<EndpointSlice> slices = Informers.get(f, timeout, "the EndpointSlices of " + ns + "/" + service,
                    "waiting for endpoints of " + ns + "/" + service);
            progress.line("Service " + ns + "/" + service + " has " + readyEndpoints(slices)
                    + " ready endpoints");
        } catch (TimeoutException e) {
            throw new ReleaseException("Service " + ns + "/" + service + " has no ready endpoint of the new release"
                    + " (or still lists other pods) after " + timeout.toSeconds() + " s although the rollout"
                    + " finished; check its selector and ports");
        } finally {
            f.cancel(true);
        }
    }

    /**
     * The ready endpoints of the release's pods, or 0 while a ready endpoint of another pod (or of no pod) is
     * listed too.
     */
    static int onlyRelease(List<EndpointSlice> slices, Predicate<String> ofRelease) {
        int n = 0;
        for (EndpointSlice s : slices) {
            for (Endpoint e : s.getEndpoints() == null ? List.<Endpoint>of() : s.getEndpoints()) {
                if (e.getConditions() != null && Boolean.FALSE.equals(e.getConditions().getReady())) {
                    continue;
                }
                if (e.getTargetRef() == null || !ofRelease.test(e.getTargetRef().getName())) {
                    return 0;
                }
                n++;
            }
        }
        return n;
    }

    /** Ready endpoints across slices; a missing ready condition counts as ready (API semantics). */
    static int readyEndpoints(List<EndpointSlice> slices) {
        int n = 0;
        for (EndpointSlice s : slices) {
            if (s.getEndpoints() == null) {
                continue;
            }
            for (Endpoint e : s.getEndpoints()) {
                if (e.getConditions() == null || e.getConditions().getReady() == null
                        || Boolean.TRUE.equals(e.getConditions().getReady())) {
                    n++;
                }
            }
        }
        return n;
    }

    /** The pod names the Service's EndpointSlices list as ready. */
    static List<String> readyPods(List<EndpointSlice> slices) {
        return slices.stream().filter(s -> s.getEndpoints() != null).flatMap(s -> s.getEndpoints().stream())
                .filter(e -> e.getConditions() == null || !Boolean.FALSE.equals(e.getConditions().getReady()))
                .filter(e -> e.getTargetRef() != null).map(e -> e.getTargetRef().getName()).toList();
    }
}
