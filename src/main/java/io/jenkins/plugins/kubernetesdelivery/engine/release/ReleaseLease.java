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
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ApiErrors;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.Conflicts;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.DeliveryLabels;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.Interrupts;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.Strings;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Lease {@code <app>-delivery}: one deploy or rollback per app and namespace at a time. The holder renews it
 * while it works; a holder that died loses it when it expires, and a resumed operation (same holder id) takes it
 * back at once.
 *
 * <p>Expiry is judged on this process's monotonic clock, never by comparing another host's {@code renewTime} with
 * ours (as Kubernetes leader election does): another holder's Lease is free once it has not changed for its
 * duration since this process saw it change, and this operation's own hold is trusted only within
 * {@link #SAFE_SECONDS} of its last successful renewal. Every write is a compare-and-set on the resourceVersion, so a
 * renewal that lands after someone else took the Lease fails instead of taking it back.
 *
 * <p>A watch of the Lease, started at the take from the version written, tells a change by anyone else: while it
 * runs and saw none, {@link #checkHeld} needs no GET within {@link #SAFE_SECONDS} of the last renewal, and the Lease
 * is given back with the version this holder last wrote (a read only on a conflict).
 */
final class ReleaseLease implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(ReleaseLease.class.getName());
    static final int DURATION_SECONDS = 60;
    /** Renewed every third of the duration; after a failed renewal, again after {@link #RETRY_SECONDS}, 2×, 4×. */
    static final int RENEW_SECONDS = DURATION_SECONDS / 3;

    static final int RETRY_SECONDS = 2;
    /** The hold is trusted this long after the last renewal; later, it is renewed before the switch or not at all. */
    static final int SAFE_SECONDS = DURATION_SECONDS * 2 / 3;
    /** What other builds are told about the holder is at most this long, on one line. */
    static final int MAX_HOLDER_TEXT = 200;

    static final String HOLDER_ANNOTATION = ReleaseLabels.HOLDER;
    /**
     * The operation in flight, as JSON of {@link ReleaseHistory.Operation}, when the Lease records it instead of the
     * history (a warm rollback); kept after its holder stopped until an operation records its outcome.
     */
    static final String IN_FLIGHT_ANNOTATION = DeliveryLabels.PREFIX + "in-flight";
    /** The resourceVersion of the history as the last holder left it, written when the Lease is given back. */
    static final String HISTORY_VERSION_ANNOTATION = DeliveryLabels.PREFIX + "history-version";

    private final KubernetesClient client;
    private final String namespace;
    private final String app;
    private final String holder;
    private final String description;
    private final Clock clock;
    private final LongSupplier nanos;
    private volatile LeaseRenewals.Renewals renewals;
    private final AtomicInteger failedRenewals = new AtomicInteger();
    /** {@link #nanos} when the last take or renewal that succeeded was sent. */
    private volatile long renewedAt;
    /** Another holder's Lease as this process last saw it change: its resourceVersion, and when. */
    private String seenVersion;

    private long seenAt;
    /** The Lease as this holder last wrote it (taken or renewed); {@code null} while not held. */
    private final AtomicReference<Lease> written = new AtomicReference<>();
    /** A watch of the Lease from this holder's take on: it tells a change by anyone else without a GET. */
    private Watch watch;

    private volatile boolean watching;
    private volatile boolean changedByOthers;
    /** The operation to record in flight on the Lease at the take, and the history version its plan was made from. */
    private ReleaseHistory.Operation toCarry;

    private String planVersion;
    /** The operation in flight the Lease records since this holder took it (this one's, or a resumed one). */
    private volatile ReleaseHistory.Operation carried;
    /** Another operation the Lease recorded in flight when this holder took it: its holder stopped. */
    private volatile ReleaseHistory.Operation stale;

    private volatile boolean staleSettled;
    /** The history's version as this holder leaves it, and whether its own operation's outcome is recorded there. */
    private java.util.function.Supplier<String> historyVersion = () -> null;

    private java.util.function.BooleanSupplier settled = () -> false;
    /** The history's version as this holder knew it at the take, and whether the Lease confirmed it was current. */
    private String versionAtTake;

    private boolean versionConfirmed;

    ReleaseLease(
            KubernetesClient client, String namespace, String app, String holder, String description, Clock clock) {
        this(client, namespace, app, holder, description, clock, System::nanoTime);
    }

    /** With the monotonic clock {@code nanos} (nanoseconds, like {@link System#nanoTime()}) for expiry. */
    ReleaseLease(
            KubernetesClient client,
            String namespace,
            String app,
            String holder,
            String description,
            Clock clock,
            LongSupplier nanos) {
        this.client = client;
        this.namespace = namespace;
        this.app = app;
        this.holder = holder;
        this.description = Strings.printable(description, MAX_HOLDER_TEXT);
        this.clock = clock;
        this.nanos = nanos;
    }

    static String name(String app) {
        return app + "-delivery";
    }

    /**
     * What this holder tells the next one when it gives the Lease back: the history's version ({@code version}), and
     * whether the outcome of the operation the Lease records in flight is in the history ({@code settled}).
     */
    void leaving(java.util.function.Supplier<String> version, java.util.function.BooleanSupplier settled) {
        this.historyVersion = version;
        this.settled = settled;
    }

    /**
     * Takes the Lease like {@link #acquire}, recording {@code op} in flight on it when the history cannot have
     * changed since the plan read it at {@code version}: the Lease was given back with that version and records no
     * other operation in flight. {@link #carried()} tells whether it did.
     */
    void acquireCarrying(Duration wait, ProgressListener progress, ReleaseHistory.Operation op, String version) {
        toCarry = op;
        planVersion = version;
        acquire(wait, progress);
    }

    /** The operation in flight this Lease records since the take, or {@code null}. */
    ReleaseHistory.Operation carried() {
        return carried;
    }

    /**
     * Another operation the Lease recorded in flight when it was taken (its holder stopped), or {@code null}; it stays
     * recorded on the Lease until {@link #staleSettled()}.
     */
    ReleaseHistory.Operation stale() {
        return stale;
    }

    /** The outcome of {@link #stale()} is in the history now: the Lease no longer needs to record it. */
    void staleSettled() {
        staleSettled = true;
    }

    /** The operation recorded in flight on {@code l}, or {@code null}. */
    static ReleaseHistory.Operation inFlight(Lease l) {
        String json = l == null || l.getMetadata().getAnnotations() == null
                ? null
                : l.getMetadata().getAnnotations().get(IN_FLIGHT_ANNOTATION);
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return io.fabric8.kubernetes.client.utils.Serialization.jsonMapper()
                    .readValue(json, ReleaseHistory.Operation.class);
        } catch (java.io.IOException e) {
            throw new ReleaseException("the Lease " + l.getMetadata().getNamespace() + "/"
                    + l.getMetadata().getName() + " records no valid operation in flight ("
                    + ApiErrors.oneLine(e.getMessage()) + "); delete its annotation " + IN_FLIGHT_ANNOTATION);
        }
    }

    /** The operation the app's Lease records in flight (one GET), or {@code null}. */
    static ReleaseHistory.Operation inFlight(KubernetesClient client, String namespace, String app) {
        return inFlight(
                client.leases().inNamespace(namespace).withName(name(app)).get());
    }

    /** Takes the Lease, waiting at most {@code wait} for another holder; then renews it until {@link #close()}. */
    void acquire(Duration wait, ProgressListener progress) {
        long deadline = nanos.getAsLong() + wait.toNanos();
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
            long now = nanos.getAsLong();
            if (now - deadline >= 0) {
                throw new ReleaseException(namespace + "/" + app + " is busy: " + heldBy(current)
                        + " holds the Lease " + namespace + "/" + name(app) + "; waited " + wait.toSeconds()
                        + " s. Run again when it has finished (the Lease expires " + duration(current)
                        + " s after its holder stops renewing it).");
            }
            if (!announced) {
                progress.line(
                        "waiting for " + heldBy(current) + " to finish (Lease " + namespace + "/" + name(app) + ")");
                announced = true;
            }
            long expiresIn = TimeUnit.SECONDS.toNanos(duration(current)) - (now - seenAt);
            long until = Math.min(deadline - now, expiresIn);
            String rv = current.getMetadata().getResourceVersion();
            try {
                resource()
                        .waitUntilCondition(
                                l -> l == null || !rv.equals(l.getMetadata().getResourceVersion()),
                                Math.max(100, TimeUnit.NANOSECONDS.toMillis(until)),
                                TimeUnit.MILLISECONDS);
            } catch (KubernetesClientTimeoutException e) {
                // expired or deadline reached: look again
            }
        }
    }

    /** Free: no holder, this operation, or unchanged for its duration since this process saw it change. */
    private boolean free(Lease l) {
        String h = l.getSpec() == null ? null : l.getSpec().getHolderIdentity();
        if (h == null || h.isEmpty() || h.equals(holder)) {
            return true;
        }
        long now = nanos.getAsLong();
        String rv = l.getMetadata().getResourceVersion();
        if (!rv.equals(seenVersion)) {
            seenVersion = rv;
            seenAt = now;
        }
        return now - seenAt >= TimeUnit.SECONDS.toNanos(duration(l));
    }

    private static int duration(Lease l) {
        Integer d = l.getSpec() == null ? null : l.getSpec().getLeaseDurationSeconds();
        return d == null || d < 1 ? DURATION_SECONDS : d;
    }

    /** Who holds {@code l}, as other builds are told: one line of at most {@link #MAX_HOLDER_TEXT} characters. */
    static String heldBy(Lease l) {
        String d = l.getMetadata().getAnnotations() == null
                ? null
                : l.getMetadata().getAnnotations().get(HOLDER_ANNOTATION);
        return Strings.printable(
                d != null && !d.isBlank() ? d : "operation " + l.getSpec().getHolderIdentity(), MAX_HOLDER_TEXT);
    }

    private boolean tryTake(Lease current) {
        ZonedDateTime now = ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        ReleaseHistory.Operation recorded = inFlight(current);
        ReleaseHistory.Operation other = recorded != null && !recorded.id().equals(holder) ? recorded : null;
        ReleaseHistory.Operation keep = recorded != null && recorded.id().equals(holder) ? recorded : null;
        if (recorded == null
                && toCarry != null
                && planVersion != null
                && current != null
                && current.getMetadata().getAnnotations() != null
                && planVersion.equals(current.getMetadata().getAnnotations().get(HISTORY_VERSION_ANNOTATION))) {
            keep = toCarry;
        }
        String inFlight = recorded != null
                ? current.getMetadata().getAnnotations().get(IN_FLIGHT_ANNOTATION)
                : keep == null ? null : io.fabric8.kubernetes.client.utils.Serialization.asJson(keep);
        Lease wanted = new LeaseBuilder()
                .withNewMetadata()
                .withName(name(app))
                .withNamespace(namespace)
                .withResourceVersion(
                        current == null ? null : current.getMetadata().getResourceVersion())
                .addToLabels(ReleaseLabels.APP, app)
                .addToLabels(DeliveryLabels.MANAGED_BY, DeliveryLabels.FIELD_MANAGER)
                .addToAnnotations(HOLDER_ANNOTATION, description)
                .addToAnnotations(inFlight == null ? Map.of() : Map.of(IN_FLIGHT_ANNOTATION, inFlight))
                .endMetadata()
                .withNewSpec()
                .withHolderIdentity(holder)
                .withLeaseDurationSeconds(DURATION_SECONDS)
                .withAcquireTime(now)
                .withRenewTime(now)
                .withLeaseTransitions(transitions(current))
                .endSpec()
                .build();
        long sent = nanos.getAsLong();
        try {
            Lease taken = current == null
                    ? client.leases().inNamespace(namespace).resource(wanted).create()
                    : client.leases().inNamespace(namespace).resource(wanted).update();
            renewedAt = sent;
            written.set(taken);
            carried = keep;
            stale = other;
            versionAtTake = historyVersion.get();
            versionConfirmed = versionAtTake != null
                    && current != null
                    && current.getMetadata().getAnnotations() != null
                    && versionAtTake.equals(
                            current.getMetadata().getAnnotations().get(HISTORY_VERSION_ANNOTATION));
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
        int before = current.getSpec().getLeaseTransitions() == null
                ? 0
                : current.getSpec().getLeaseTransitions();
        return holder.equals(current.getSpec().getHolderIdentity()) ? before : before + 1;
    }

    /** Watches the Lease from the version this holder wrote; without the watch, {@link #checkHeld} reads it. */
    private void watchFrom(Lease taken) {
        try {
            watch = resource()
                    .watch(
                            new ListOptionsBuilder()
                                    .withResourceVersion(taken.getMetadata().getResourceVersion())
                                    .build(),
                            new Watcher<>() {
                                @Override
                                public void eventReceived(Action action, Lease l) {
                                    if (action == Action.DELETED
                                            || action == Action.ERROR
                                            || l == null
                                            || l.getSpec() == null
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
            LOGGER.log(Level.FINE, "cannot watch the Lease " + namespace + "/" + name(app) + "; reading it instead", e);
        }
    }

    private void startRenewing() {
        renewals = LeaseRenewals.start(this::renewOnce, RENEW_SECONDS);
    }

    /**
     * One scheduled renewal: the seconds until the next, a third of the duration later or soon after a failure; or
     * -1 when the Lease is no longer this operation's.
     */
    private long renewOnce() {
        try {
            if (!renew()) {
                LOGGER.warning("the Lease " + namespace + "/" + name(app) + " is no longer held by operation " + holder
                        + "; not renewing it");
                return -1;
            }
            return RENEW_SECONDS;
        } catch (RuntimeException e) {
            // soon, and less often the longer it fails (2, 4, 8, 8… s): well inside the duration, yet no storm
            long next = Math.min(RETRY_SECONDS << Math.min(failedRenewals.getAndIncrement(), 2), RETRY_SECONDS * 4L);
            LOGGER.warning("cannot renew the Lease " + namespace + "/" + name(app) + " (" + failedRenewals.get()
                    + " failures in a row, next try in " + next + " s): " + ApiErrors.oneLine(e.getMessage())
                    + "; the operation checks it before the switch");
            LOGGER.log(Level.FINE, "renewal failure", e);
            return next;
        }
    }

    /**
     * One renewal, a compare-and-set: true when this operation held the Lease and its renew time was written; false
     * when someone else holds it (or it is gone). A conflict or an unreachable server throws.
     */
    private synchronized boolean renew() {
        long sent = nanos.getAsLong();
        Lease l = resource().get();
        if (l == null || l.getSpec() == null || !holder.equals(l.getSpec().getHolderIdentity())) {
            return false;
        }
        l.getSpec().setRenewTime(ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        written.set(client.leases().inNamespace(namespace).resource(l).update());
        renewedAt = sent;
        failedRenewals.set(0);
        return true;
    }

    /**
     * Fails unless this operation still holds the Lease, renewing it first when its last renewal is older than
     * {@link #SAFE_SECONDS}: during an outage the renewals failed, and another process may be about to take it.
     * Called before the switch and before the outcome is written: an operation that lost its Lease must not change
     * what another one owns. Within {@link #SAFE_SECONDS} of the last renewal, no request while the watch started at
     * the take runs and saw no change by anyone else; one GET otherwise.
     */
    void checkHeld(String before) {
        if (watching
                && !changedByOthers
                && written.get() != null
                && nanos.getAsLong() - renewedAt < TimeUnit.SECONDS.toNanos(SAFE_SECONDS)) {
            return;
        }
        Lease l = resource().get();
        boolean ours =
                l != null && l.getSpec() != null && holder.equals(l.getSpec().getHolderIdentity());
        String why;
        if (!ours) {
            why = l == null ? "it was deleted" : heldBy(l) + " holds it";
        } else if (nanos.getAsLong() - renewedAt < TimeUnit.SECONDS.toNanos(SAFE_SECONDS)) {
            return;
        } else {
            long ago = TimeUnit.NANOSECONDS.toSeconds(nanos.getAsLong() - renewedAt);
            try {
                if (renew()) {
                    return;
                }
                why = "someone else took it after " + ago + " s without a renewal";
            } catch (RuntimeException e) {
                why = "it was last renewed " + ago + " s ago (" + failedRenewals.get() + " renewals failed in a row)"
                        + " and renewing it now failed: " + ApiErrors.oneLine(e.getMessage());
            }
        }
        throw new ReleaseException(namespace + "/" + app + " lost the Lease " + namespace + "/"
                + name(app) + " before " + before + ": " + why
                + "; nothing more is changed by this operation. Check the app's history, then run again.");
    }

    /** Whether this operation still holds the Lease (one GET); false when that cannot be read either. */
    boolean held() {
        try {
            Lease l = resource().get();
            return l != null && l.getSpec() != null && holder.equals(l.getSpec().getHolderIdentity());
        } catch (RuntimeException e) {
            return false;
        }
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
        if (renewals != null) {
            try {
                renewals.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            renewals = null;
        }
        if (watch != null) {
            watching = false;
            watch.close();
            watch = null;
        }
        Lease last = changedByOthers ? null : written.getAndSet(null);
        if (last != null && giveUp(last)) {
            return;
        }
        try {
            Conflicts.retry(3, () -> {
                Lease l = resource().get();
                if (l != null
                        && l.getSpec() != null
                        && holder.equals(l.getSpec().getHolderIdentity())) {
                    l.getSpec().setHolderIdentity(null);
                    leave(l);
                    client.leases().inNamespace(namespace).resource(l).update();
                }
                return null;
            });
        } catch (RuntimeException e) {
            // giving it up is a courtesy: it expires on its own, and the operation's outcome stands
            LOGGER.log(
                    Level.WARNING,
                    "cannot give the Lease " + namespace + "/" + name(app) + " up; it expires on its own",
                    e);
        }
    }

    /**
     * Gives the Lease up with the version this holder last wrote, without reading it first; false when it changed
     * meanwhile (409) or is gone (404), so that the caller reads it and decides.
     */
    private boolean giveUp(Lease last) {
        Lease l = io.fabric8.kubernetes.client.utils.Serialization.clone(last);
        l.getSpec().setHolderIdentity(null);
        leave(l);
        try {
            client.leases().inNamespace(namespace).resource(l).update();
            return true;
        } catch (KubernetesClientException e) {
            if (Conflicts.is(e) || e.getCode() == 404) {
                return false;
            }
            LOGGER.log(
                    Level.WARNING,
                    "cannot give the Lease " + namespace + "/" + name(app) + " up; it expires on its own",
                    e);
            return true;
        }
    }

    /**
     * The annotations of the Lease given back: no holder; the operation in flight only while its outcome is not in
     * the history (a stale one not settled, or this holder's own not recorded); the history's version as left.
     */
    private void leave(Lease l) {
        if (l.getMetadata().getAnnotations() == null) {
            l.getMetadata().setAnnotations(new java.util.HashMap<>());
        }
        Map<String, String> a = l.getMetadata().getAnnotations();
        a.remove(HOLDER_ANNOTATION);
        ReleaseHistory.Operation recorded = inFlight(l);
        boolean done = recorded == null || (recorded.id().equals(holder) ? settled.getAsBoolean() : staleSettled);
        if (done) {
            a.remove(IN_FLIGHT_ANNOTATION);
        }
        // the version is told only when it is known to be current: read or written under the Lease (it changed
        // since the take), or the one the Lease confirmed at the take
        String version = historyVersion.get();
        boolean current = version != null && (!version.equals(versionAtTake) || versionConfirmed);
        if (!current || !done) {
            a.remove(HISTORY_VERSION_ANNOTATION);
        } else {
            a.put(HISTORY_VERSION_ANNOTATION, version);
        }
    }

    private io.fabric8.kubernetes.client.dsl.Resource<Lease> resource() {
        return client.leases().inNamespace(namespace).withName(name(app));
    }
}
