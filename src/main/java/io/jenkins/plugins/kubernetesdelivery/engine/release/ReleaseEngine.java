package io.jenkins.plugins.kubernetesdelivery.engine.release;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import io.jenkins.plugins.kubernetesdelivery.engine.ProgressListener;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ApiErrors;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.KubernetesNames;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.Strings;
import io.jenkins.plugins.kubernetesdelivery.engine.release.render.RequestValidator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Labeled blue-green releases of an app in a namespace: deploy, roll back, list, resume. What the
 * {@code deployLabeled} and {@code rollbackTo} steps call, from a background thread; every method blocks until
 * the operation is done. Anticipated failures throw {@link DeliveryException}: {@link DeliveryException#invalid} for
 * a request with problems (nothing in the cluster changed), {@link ReleaseException} for everything else, a request
 * the Kubernetes API refused included. An interrupt of the calling thread aborts the operation (see the engine's
 * package documentation). A handle that does not belong to the request is a programming error
 * ({@link IllegalArgumentException}).
 *
 * <p>A step that must survive a controller restart creates its {@link ReleaseHandle} first, saves it, and calls
 * the methods taking it; after a restart it calls {@link #resume(ReleaseHandle, ReleaseRequest)} or
 * {@link #resume(ReleaseHandle, RollbackRequest)} with the saved handle and the same request. docs/releases.md
 * ("Engine API") describes resume, cancellation by interrupt and the threads that call the listener.
 */
public final class ReleaseEngine {

    private final KubernetesClient client;
    private final ProgressListener progress;
    private final Clock clock;

    public ReleaseEngine(KubernetesClient client, ProgressListener progress, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.progress = progress == null ? ProgressListener.NONE : progress;
        this.clock = clock == null ? Clock.systemUTC() : clock;
    }

    /** Deploys a new release; see docs/releases.md. Nothing changes in the cluster when validation fails. */
    public DeployResult deploy(ReleaseRequest request) {
        return deploy(ReleaseHandle.create(ReleaseHandle.Kind.DEPLOY, request.app(), request.namespace()), request);
    }

    /** Deploys a new release under a handle the caller saved before. */
    public DeployResult deploy(ReleaseHandle handle, ReleaseRequest request) {
        List<String> problems = request.validate();
        if (!problems.isEmpty()) {
            throw DeliveryException.invalid(deployRequest(request.namespace(), request.app()), problems);
        }
        checkHandle(handle, ReleaseHandle.Kind.DEPLOY, request.app(), request.namespace());
        return call(
                "the deploy of " + request.namespace() + "/" + request.app(),
                () -> new DeployOperation(client, progress, clock, request, handle).start());
    }

    /** Rolls back to an earlier release and pins the app to it. */
    public RollbackResult rollback(RollbackRequest request) {
        return rollback(ReleaseHandle.create(ReleaseHandle.Kind.ROLLBACK, request.app(), request.namespace()), request);
    }

    /** Rolls back under a handle the caller saved before. Nothing changes in the cluster when validation fails. */
    public RollbackResult rollback(ReleaseHandle handle, RollbackRequest request) {
        List<String> problems = request.validate();
        if (!problems.isEmpty()) {
            throw DeliveryException.invalid(
                    "the rollback request for " + request.namespace() + "/" + request.app(), problems);
        }
        checkHandle(handle, ReleaseHandle.Kind.ROLLBACK, request.app(), request.namespace());
        return call(
                "the rollback of " + request.namespace() + "/" + request.app(),
                () -> new RollbackOperation(client, progress, clock, request, handle).start());
    }

    /** The app's releases, newest first, with their state. */
    public List<ReleaseInfo> releases(String app, String namespace) {
        checkNames("releases", app, namespace);
        HistoryStore store = new HistoryStore(client, namespace, app);
        return call(
                "listing the releases of " + namespace + "/" + app,
                () -> ReleaseInventory.list(client, namespace, app, store.read()));
    }

    /**
     * Lifts the pin a rollback left, without deploying, so that the next deploy may go ahead; records an
     * {@code unpin} entry with who and why. Does not wait for the Lease: the history write is a compare-and-set, and
     * a deploy checks the pin again once it holds the Lease. Nothing is written when the app is not pinned.
     *
     * @param actor who lifts the pin
     * @param reason why, or {@code null}
     * @return the pin that was lifted, or {@code null} when the app was not pinned
     */
    public ReleaseHistory.Pin unpin(String app, String namespace, String actor, String reason) {
        checkNames("unpin", app, namespace);
        return call("unpinning " + namespace + "/" + app, () -> {
            HistoryStore store = new HistoryStore(client, namespace, app);
            if (store.read().pin() == null) {
                progress.line(namespace + "/" + app + " is not pinned; nothing to do");
                return null;
            }
            String id = UUID.randomUUID().toString();
            String at = clock.instant().toString();
            AtomicReference<ReleaseHistory.Pin> lifted = new AtomicReference<>();
            store.update(h -> {
                lifted.set(h.pin());
                return h.pin() == null
                        ? h
                        : h.withoutPin(ReleaseHistory.Entry.unpin(
                                id,
                                h.pin(),
                                Strings.blankToNull(actor),
                                Strings.blankToNull(reason),
                                at,
                                h.live(),
                                h.previous()));
            });
            ReleaseHistory.Pin pin = lifted.get();
            if (pin != null) {
                progress.line(namespace + "/" + app + " is no longer pinned to " + pin.release()
                        + "; the next deploy may go ahead");
            }
            return pin;
        });
    }

    /** The app's history as recorded in the ConfigMap {@code <app>-releases}. */
    public ReleaseHistory history(String app, String namespace) {
        checkNames("history", app, namespace);
        return call(
                "reading the history of " + namespace + "/" + app,
                () -> new HistoryStore(client, namespace, app).read());
    }

    /**
     * Finishes a deploy after a restart, exactly once: continues it from the phase the history recorded, or
     * returns its recorded result when it had finished. {@code request} must be the same request as before.
     */
    public DeployResult resume(ReleaseHandle handle, ReleaseRequest request) {
        checkHandle(handle, ReleaseHandle.Kind.DEPLOY, request.app(), request.namespace());
        return call("the deploy of " + handle.namespace() + "/" + handle.app(), () -> resumeDeploy(handle, request));
    }

    private DeployResult resumeDeploy(ReleaseHandle handle, ReleaseRequest request) {
        ReleaseHistory h = new HistoryStore(client, handle.namespace(), handle.app()).read();
        if (h.current() != null && handle.operationId().equals(h.current().id())) {
            checkSameRequest(h.current(), request);
            return new DeployOperation(client, progress, clock, request, handle).resume(h.current());
        }
        ReleaseHistory.Entry e = finished(h, handle);
        if (!e.succeeded()) {
            throw new ReleaseException("the deploy of " + handle.namespace() + "/" + handle.app() + " " + e.release()
                    + " had failed: " + e.message());
        }
        progress.line("the deploy of " + handle.namespace() + "/" + handle.app() + " " + e.release()
                + " had finished; nothing to do");
        return new DeployResult(e.release(), e.from(), handle.namespace(), List.of(), handle);
    }

    /**
     * Refuses to resume a deploy with a request other than the one it started with: the release would be rendered
     * again from it, so different objects would be applied under the same release number.
     */
    private static void checkSameRequest(ReleaseHistory.Operation op, ReleaseRequest request) {
        String hash = request.inputHash();
        if (op.requestHash() != null && !op.requestHash().equals(hash)) {
            throw new ReleaseException("the deploy of " + request.namespace() + "/" + request.app() + " "
                    + op.release() + " cannot be resumed: the request differs from the one it started with"
                    + " (recorded " + op.requestHash() + ", given " + hash + "); nothing was changed. Once its"
                    + " Lease has expired, the next deploy or rollback of the app records it as abandoned. Run it"
                    + " again.");
        }
    }

    /** Finishes a rollback after a restart, exactly once. */
    public RollbackResult resume(ReleaseHandle handle, RollbackRequest request) {
        checkHandle(handle, ReleaseHandle.Kind.ROLLBACK, request.app(), request.namespace());
        return call(
                "the rollback of " + handle.namespace() + "/" + handle.app(), () -> resumeRollback(handle, request));
    }

    private RollbackResult resumeRollback(ReleaseHandle handle, RollbackRequest request) {
        ReleaseHistory h = new HistoryStore(client, handle.namespace(), handle.app()).read();
        if (h.current() != null && handle.operationId().equals(h.current().id())) {
            return new RollbackOperation(client, progress, clock, request, handle).resume(h.current());
        }
        if (h.entryOf(handle.operationId()).isEmpty()) {
            // a warm rollback is recorded in flight on the Lease, not in the history
            ReleaseHistory.Operation onLease = ReleaseLease.inFlight(client, handle.namespace(), handle.app());
            if (onLease != null && handle.operationId().equals(onLease.id())) {
                return new RollbackOperation(client, progress, clock, request, handle).resume(onLease);
            }
        }
        ReleaseHistory.Entry e = finished(h, handle);
        if (!e.succeeded()) {
            throw new ReleaseException("the rollback of " + handle.namespace() + "/" + handle.app() + " to "
                    + e.release() + " had failed: " + e.message());
        }
        progress.line("the rollback of " + handle.namespace() + "/" + handle.app() + " to " + e.release()
                + " had finished; nothing to do");
        return new RollbackResult(e.release(), e.from(), false, List.of(), handle);
    }

    /**
     * Runs {@code operation}; a request the Kubernetes API refused (or that could not be sent) outside the
     * operation's own failure handling becomes a {@link ReleaseException} saying so.
     */
    private static <T> T call(String what, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (KubernetesClientException e) {
            throw apiFailure(what, e);
        }
    }

    static ReleaseException apiFailure(String what, KubernetesClientException e) {
        boolean aborted = Thread.currentThread().isInterrupted();
        for (Throwable t = e; t != null && !aborted; t = t.getCause() == t ? null : t.getCause()) {
            aborted = t instanceof InterruptedException;
        }
        if (aborted) {
            return new ReleaseException(
                    what + " was interrupted (the step was aborted); check the app's history"
                            + " before running it again",
                    e);
        }
        return new ReleaseException(
                what + " failed: "
                        + (e.getCode() > 0
                                ? "the Kubernetes API answered HTTP " + e.getCode() + ": "
                                : "the Kubernetes API cannot be reached: ")
                        + ApiErrors.reason(e)
                        + "; check the cluster connection and the permissions of its credentials",
                e);
    }

    private ReleaseHistory.Entry finished(ReleaseHistory h, ReleaseHandle handle) {
        return h.entryOf(handle.operationId())
                .orElseThrow(() -> new ReleaseException("operation "
                        + handle.operationId() + " of " + handle.namespace() + "/" + handle.app()
                        + " is neither in flight"
                        + " nor in the history: it never started, or another operation replaced it. Run it again."));
    }

    private static void checkHandle(ReleaseHandle h, ReleaseHandle.Kind kind, String app, String ns) {
        if (h.kind() != kind || !h.app().equals(app) || !h.namespace().equals(ns)) {
            throw new IllegalArgumentException(
                    "handle " + h + " does not belong to a " + kind + " of " + ns + "/" + app);
        }
    }

    /** What an invalid deploy request is called in its exception. */
    static String deployRequest(String namespace, String app) {
        return "the deploy request for " + namespace + "/" + app;
    }

    private static void checkNames(String kind, String app, String namespace) {
        List<String> problems = new ArrayList<>();
        RequestValidator.checkApp(app, problems);
        KubernetesNames.checkDns1123Label(namespace).ifPresent(p -> problems.add("namespace '" + namespace + "' " + p));
        if (!problems.isEmpty()) {
            throw DeliveryException.invalid("the " + kind + " request for " + namespace + "/" + app, problems);
        }
    }
}
