package io.jenkins.plugins.kubernetesdelivery.engine.release;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.jenkins.plugins.kubernetesdelivery.engine.ProgressListener;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.Conflicts;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.DeliveryLabels;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.Interrupts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Lease {@code <app>-delivery}: one deploy or rollback per app and namespace at a time. The holder renews it
 * while it works; a holder that died loses it when it expires, and a resumed operation (same holder id) takes it
 * back at once.
 */
final class ReleaseLease implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(ReleaseLease.class.getName());
    static final int DURATION_SECONDS = 60;
    static final String HOLDER_ANNOTATION = ReleaseLabels.HOLDER;

    private final KubernetesClient client;
    private final String namespace;
    private final String app;
    private final String holder;
    private final String description;
    private final Clock clock;
    private ScheduledExecutorService renewer;
    private final AtomicInteger failedRenewals = new AtomicInteger();
    /** The Lease as this holder last wrote it (taken or renewed), and when; {@code null} while not held. */
    private final AtomicReference<Written> written = new AtomicReference<>();

    private record Written(Lease lease, Instant at) {}

    /** A watch of the Lease from this holder's take on: it tells a change by anyone else without a GET. */
    private Watch watch;
    private volatile boolean watching;
    private volatile boolean changedByOthers;

    ReleaseLease(KubernetesClient client, String namespace, String app, String holder, String description,
            Clock clock) {
        this.client = client;
        this.namespace = namespace;
        this.app = app;
        this.holder = holder;
        this.description = description;
        this.clock = clock;
    }

    static String name(String app) {
        return app + "-delivery";
    }

    /** Takes the Lease, waiting at most {@code wait} for another holder; then renews it until {@link #close()}. */
    void acquire(Duration wait, ProgressListener progress) {
        Instant deadline = clock.instant().plus(wait);
        boolean announced = false;
        while (true) {
            Lease current = resource().get();
            if (current == null || free(current)) {
                if (tryTake(current)) {
                    startRenewing();
                    return;
                }
                continue;
            }
            Instant now = clock.instant();
            if (!now.isBefore(deadline)) {
                throw new ReleaseException(namespace + "/" + app + " is busy: " + heldBy(current)
                        + " holds the Lease " + namespace + "/" + name(app) + "; waited " + wait.toSeconds()
                        + " s. Run again when it has finished (the Lease expires " + DURATION_SECONDS
                        + " s after its holder stops renewing it).");
            }
            if (!announced) {
                progress.line("waiting for " + heldBy(current) + " to finish (Lease " + namespace + "/"
                        + name(app) + ")");
                announced = true;
            }
            Instant until = min(deadline, expiry(current));
            String rv = current.getMetadata().getResourceVersion();
            try {
                resource().waitUntilCondition(l -> l == null || !rv.equals(l.getMetadata().getResourceVersion()),
                        Math.max(100, Duration.between(now, until).toMillis()), TimeUnit.MILLISECONDS);
            } catch (KubernetesClientTimeoutException e) {
                // expired or deadline reached: look again
            }
        }
    }

    private boolean free(Lease l) {
        String h = l.getSpec() == null ? null : l.getSpec().getHolderIdentity();
        return h == null || h.isEmpty() || h.equals(holder) || !clock.instant().isBefore(expiry(l));
    }

    private static Instant expiry(Lease l) {
        ZonedDateTime renew = l.getSpec().getRenewTime() != null ? l.getSpec().getRenewTime()
                : l.getSpec().getAcquireTime();
        int duration = l.getSpec().getLeaseDurationSeconds() == null ? DURATION_SECONDS
                : l.getSpec().getLeaseDurationSeconds();
        return renew == null ? Instant.EPOCH : renew.toInstant().plusSeconds(duration);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    static String heldBy(Lease l) {
        String d = l.getMetadata().getAnnotations() == null ? null
                : l.getMetadata().getAnnotations().get(HOLDER_ANNOTATION);
        return d != null ? d : "operation " + l.getSpec().getHolderIdentity();
    }

    private boolean tryTake(Lease current) {
        ZonedDateTime now = ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        Lease wanted = new LeaseBuilder()
                .withNewMetadata().withName(name(app)).withNamespace(namespace)
                .withResourceVersion(current == null ? null : current.getMetadata().getResourceVersion())
                .addToLabels(ReleaseLabels.APP, app)
                .addToLabels(DeliveryLabels.MANAGED_BY, DeliveryLabels.FIELD_MANAGER)
                .addToAnnotations(HOLDER_ANNOTATION, description)
                .endMetadata()
                .withNewSpec().withHolderIdentity(holder).withLeaseDurationSeconds(DURATION_SECONDS)
                .withAcquireTime(now).withRenewTime(now)
                .withLeaseTransitions(transitions(current))
                .endSpec().build();
        try {
            Lease taken = current == null ? client.leases().inNamespace(namespace).resource(wanted).create()
                    : client.leases().inNamespace(namespace).resource(wanted).update();
            written.set(new Written(taken, clock.instant()));
            watchFrom(taken);
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return false;
            }
            throw e;
        }
    }

    /** Counts a change of holder, as Kubernetes leader election does; a free Lease taken again is one too. */
    private int transitions(Lease current) {
        if (current == null || current.getSpec() == null) {
            return 0;
        }
        int before = current.getSpec().getLeaseTransitions() == null ? 0 : current.getSpec().getLeaseTransitions();
        return holder.equals(current.getSpec().getHolderIdentity()) ? before : before + 1;
    }

    /** Watches the Lease from the version this holder wrote; without the watch, {@link #checkHeld} reads it. */
    private void watchFrom(Lease taken) {
        try {
            watch = resource().watch(new ListOptionsBuilder().withResourceVersion(taken.getMetadata()
                    .getResourceVersion()).build(), new Watcher<>() {
                        @Override
                        public void eventReceived(Action action, Lease l) {
                            if (action == Action.DELETED || action == Action.ERROR || l == null || l.getSpec() == null
                                    || !holder.equals(l.getSpec().getHolderIdentity())) {
                                changedByOthers = true;
                            }
                        }

                        @Override
                        public void onClose(WatcherException cause) {
                            watching = false;
                        }
                    });
            watching = true;
        } catch (KubernetesClientException e) {
            LOGGER.log(Level.FINE, "cannot watch the Lease " + namespace + "/" + name(app) + "; reading it instead",
                    e);
        }
    }

    private void startRenewing() {
        renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lease renewer " + namespace + "/" + name(app));
            t.setDaemon(true);
            return t;
        });
        long period = DURATION_SECONDS / 3;
        renewer.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.SECONDS);
    }

    private void renew() {
        try {
            Instant at = clock.instant();
            boolean[] ours = {false};
            Lease renewed = resource().edit(l -> {
                if (l.getSpec() != null && holder.equals(l.getSpec().getHolderIdentity())) {
                    l.getSpec().setRenewTime(ZonedDateTime.ofInstant(at, ZoneOffset.UTC));
                    ours[0] = true;
                }
                return l;
            });
            written.set(ours[0] ? new Written(renewed, at) : null);
            failedRenewals.set(0);
        } catch (RuntimeException e) {
            failedRenewals.incrementAndGet();
            LOGGER.log(Level.WARNING, "cannot renew the Lease " + namespace + "/" + name(app) + " ("
                    + failedRenewals.get() + " failures in a row); the operation checks it before the switch", e);
        }
    }

    /**
     * Fails unless this operation still holds the Lease and it has not expired. Called before the switch and before
     * the outcome is written: an operation that lost its Lease must not change what another one owns. No request
     * while the watch started at the take runs and saw no change by anyone else, and this holder's last write has
     * not expired; one GET otherwise.
     */
    void checkHeld(String before) {
        Written w = written.get();
        if (w != null && watching && !changedByOthers
                && clock.instant().isBefore(w.at().plusSeconds(DURATION_SECONDS))) {
            return;
        }
        Lease l = resource().get();
        boolean ours = l != null && l.getSpec() != null && holder.equals(l.getSpec().getHolderIdentity());
        if (ours && clock.instant().isBefore(expiry(l))) {
            return;
        }
        throw new ReleaseException(namespace + "/" + app + " lost the Lease " + namespace + "/"
                + name(app) + " before " + before + ": " + (l == null ? "it was deleted"
                : ours ? "it expired (" + failedRenewals.get() + " renewals failed in a row)" : heldBy(l) + " holds it")
                + "; nothing more is changed by this operation. Check the app's history, then run again.");
    }

    /**
     * Stops renewing and gives the Lease up, if this operation still holds it. Runs with the thread's interrupt
     * flag cleared (an aborted operation sets it, and fabric8 fails every call at once then) and restores it after.
     */
    @Override
    public void close() {
        Interrupts.runCleared(this::release);
    }

    private void release() {
        if (renewer != null) {
            renewer.shutdownNow();
            try {
                renewer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            renewer = null;
        }
        if (watch != null) {
            watching = false;
            watch.close();
            watch = null;
        }
        Written w = changedByOthers ? null : written.getAndSet(null);
        if (w != null && giveUp(w.lease())) {
            return;
        }
        try {
            Conflicts.retry(3, () -> {
                Lease l = resource().get();
                if (l != null && l.getSpec() != null && holder.equals(l.getSpec().getHolderIdentity())) {
                    l.getSpec().setHolderIdentity(null);
                    l.getMetadata().getAnnotations().remove(HOLDER_ANNOTATION);
                    client.leases().inNamespace(namespace).resource(l).update();
                }
                return null;
            });
        } catch (KubernetesClientException e) {
            LOGGER.log(Level.WARNING, "cannot give the Lease " + namespace + "/" + name(app)
                    + " up; it expires on its own", e);
        }
    }

    /**
     * Gives the Lease up with the version this holder last wrote, without reading it first; false when it changed
     * meanwhile (409) or is gone (404), so that the caller reads it and decides.
     */
    private boolean giveUp(Lease last) {
        Lease l = io.fabric8.kubernetes.client.utils.Serialization.clone(last);
        l.getSpec().setHolderIdentity(null);
        if (l.getMetadata().getAnnotations() != null) {
            l.getMetadata().getAnnotations().remove(HOLDER_ANNOTATION);
        }
        try {
            client.leases().inNamespace(namespace).resource(l).update();
            return true;
        } catch (KubernetesClientException e) {
            if (Conflicts.is(e) || e.getCode() == 404) {
                return false;
            }
            LOGGER.log(Level.WARNING, "cannot give the Lease " + namespace + "/" + name(app)
                    + " up; it expires on its own", e);
            return true;
        }
    }

    private io.fabric8.kubernetes.client.dsl.Resource<Lease> resource() {
        return client.leases().inNamespace(namespace).withName(name(app));
    }
}
