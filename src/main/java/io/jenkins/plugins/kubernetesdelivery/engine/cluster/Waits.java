package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import io.jenkins.plugins.kubernetesdelivery.engine.ProgressListener;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits on the cluster with informers (list, then watch; a 410 Gone relists), with a plain GET every
 * {@code backstop} in case a watch stops without telling (see {@link Backstop}). Every wait is bounded and fails
 * with a {@link DeliveryException} whose reason is one line.
 */
public final class Waits {

    /** How often a wait also reads the objects with a plain GET, unless a test asks for another period. */
    public static final Duration BACKSTOP = Duration.ofSeconds(10);

    private final KubernetesClient client;
    private final ProgressListener progress;
    private final Duration backstop;

    public Waits(KubernetesClient client, ProgressListener progress) {
        this(client, progress, BACKSTOP);
    }

    /** Waits whose backstop GET comes every {@code backstop}: a test of a silent watch needs it short. */
    public Waits(KubernetesClient client, ProgressListener progress, Duration backstop) {
        this.client = client;
        this.progress = progress;
        this.backstop = backstop;
    }

    /**
     * Waits until the Deployment's rollout is done (kubectl semantics), or fails with the pods' reason. Returns the
     * Deployment as the wait last saw it, {@code null} if it was deleted.
     */
    public Deployment rollout(String ns, String name, Map<String, String> podLabels, Duration timeout) {
        AtomicReference<RolloutStatus> last = new AtomicReference<>();
        AtomicReference<Deployment> seen = new AtomicReference<>();
        AtomicReference<List<Pod>> pods = new AtomicReference<>(List.of());
        AtomicReference<String> fatal = new AtomicReference<>();
        AtomicInteger reported = new AtomicInteger(-1);
        CompletableFuture<List<Deployment>> deployment = Informers.await(
                client.apps().deployments().inNamespace(ns).withName(name),
                () -> Optional.ofNullable(client.apps()
                                .deployments()
                                .inNamespace(ns)
                                .withName(name)
                                .get())
                        .map(List::of)
                        .orElse(List.of()),
                list -> {
                    seen.set(list.isEmpty() ? null : list.get(0));
                    if (list.isEmpty()) {
                        return false;
                    }
                    RolloutStatus s = RolloutStatus.of(list.get(0));
                    last.set(s);
                    if (reported.getAndSet(s.ready()) != s.ready()) {
                        progress.line(ns + "/" + name + " " + s.ready() + "/" + s.desired() + " ready");
                    }
                    return s.done() || s.failure() != null;
                },
                backstop);
        CompletableFuture<List<Pod>> podWatch = Informers.await(
                client.pods().inNamespace(ns).withLabels(podLabels),
                () -> client.pods().inNamespace(ns).withLabels(podLabels).list().getItems(),
                list -> {
                    pods.set(List.copyOf(list));
                    list.stream()
                            .map(PodDiagnosis::fatal)
                            .flatMap(Optional::stream)
                            .findFirst()
                            .ifPresent(fatal::set);
                    return fatal.get() != null;
                },
                backstop);
        try {
            Informers.get(
                    CompletableFuture.anyOf(deployment, podWatch),
                    timeout,
                    ns + "/" + name,
                    "waiting for " + ns + "/" + name);
            if (fatal.get() != null) {
                throw new DeliveryException(ns + "/" + name + " cannot become ready: " + fatal.get());
            }
            RolloutStatus s = last.get();
            if (s != null && s.failure() != null) {
                throw new DeliveryException(ns + "/" + name + " failed: " + s.failure()
                        + PodDiagnosis.summary(pods.get()).map(r -> "; " + r).orElse(""));
            }
            return seen.get();
        } catch (TimeoutException e) {
            RolloutStatus s = last.get();
            throw new DeliveryException(ns + "/" + name + " is not ready after " + timeout.toSeconds() + " s"
                    + (s == null
                            ? ""
                            : ": " + s.ready() + "/" + s.desired() + " ready"
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
    public void readyEndpoints(String ns, String service, Predicate<String> ofRelease, Duration timeout) {
        try {
            List<EndpointSlice> slices = until(
                    client.discovery()
                            .v1()
                            .endpointSlices()
                            .inNamespace(ns)
                            .withLabel("kubernetes.io/service-name", service),
                    () -> client.discovery()
                            .v1()
                            .endpointSlices()
                            .inNamespace(ns)
                            .withLabel("kubernetes.io/service-name", service)
                            .list()
                            .getItems(),
                    list -> EndpointSlices.onlyOf(list, ofRelease) > 0,
                    timeout,
                    "the EndpointSlices of " + ns + "/" + service,
                    "waiting for endpoints of " + ns + "/" + service);
            progress.line(
                    "Service " + ns + "/" + service + " has " + EndpointSlices.ready(slices) + " ready endpoints");
        } catch (TimeoutException e) {
            throw new DeliveryException("Service " + ns + "/" + service + " has no ready endpoint of the new release"
                    + " (or still lists other pods) after " + timeout.toSeconds() + " s although the rollout"
                    + " finished; check its selector and ports");
        }
    }

    /**
     * Waits at most {@code timeout} until {@code condition} holds for the objects of {@code source}, as an informer
     * sees them or as {@code read} (a GET, the backstop) returns them, and returns them. A failed watch ends it with
     * "cannot watch {@code watched}: reason", an interrupt (kept for the caller) with "interrupted while
     * {@code doing}"; the caller words the timeout.
     */
    public <T extends HasMetadata> List<T> until(
            Informable<T> source,
            Supplier<List<T>> read,
            Predicate<List<T>> condition,
            Duration timeout,
            String watched,
            String doing)
            throws TimeoutException {
        CompletableFuture<List<T>> f = Informers.await(source, read, condition, backstop);
        try {
            return Informers.get(f, timeout, watched, doing);
        } finally {
            f.cancel(true);
        }
    }
}
