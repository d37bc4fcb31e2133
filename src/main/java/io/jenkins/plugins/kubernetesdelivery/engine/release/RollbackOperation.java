package io.jenkins.plugins.kubernetesdelivery.engine.release;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubernetesdelivery.engine.ProgressListener;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.EndpointSlices;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ImageRef;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.Waits;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseHistory.Action;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseHistory.Outcome;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseHistory.Phase;
import io.jenkins.plugins.kubernetesdelivery.engine.release.render.RequestValidator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One rollback: resolve the target, guard the schema, then a warm target gets one selector patch per Service;
 * a cold one is scaled up and waited for first. The app is pinned to the target afterwards.
 */
final class RollbackOperation extends ReleaseOperation {

    private final RollbackRequest req;
    /** The app's Deployments by release, as {@link #releases} last listed them. */
    private final Map<String, List<Deployment>> listed = new java.util.LinkedHashMap<>();

    RollbackOperation(
            KubernetesClient client,
            ProgressListener progress,
            Clock clock,
            RollbackRequest req,
            ReleaseHandle handle) {
        super(OperationContext.of(client, req.namespace(), req.app(), progress, clock, handle.operationId()), handle);
        this.req = req;
    }

    RollbackResult start() {
        ReleaseHistory h = ctx.history().read();
        List<ReleaseInfo> releases = releases(h);
        ReleaseInfo planned = plan(h, releases);
        if (planned.release().equals(h.live())) {
            ctx.progress().line(ctx.appName() + " " + planned.release() + " is already live");
            return new RollbackResult(planned.release(), h.live(), false, List.of(), null);
        }
        try (ReleaseLease lease = lease()) {
            boolean warm = planned.state() != ReleaseState.COLD;
            ReleaseHistory.Operation op = new ReleaseHistory.Operation(
                    ctx.operationId(),
                    Action.ROLLBACK,
                    planned.release(),
                    h.live(),
                    Phase.SWITCHING,
                    req.actor(),
                    ctx.now());
            String planVersion = ctx.history().version();
            if (warm && h.current() == null) {
                // a warm rollback is recorded in flight on the Lease it takes, when the history cannot have changed
                // since the plan read it (the last holder left it at that version): no history write before the switch
                lease.acquireCarrying(req.lockTimeout(), ctx.progress(), op, planVersion);
            } else {
                lease.acquire(req.lockTimeout(), ctx.progress());
            }
            if (lease.carried() != null && lease.carried().id().equals(op.id())) {
                ctx.history().inFlightOnLease(op);
                return run(op, planned, lease, releases);
            }
            // the plan stands if the history is still the one it was made from: recording the rollback in flight is a
            // compare-and-set on the version read before the Lease, so it succeeds only if no operation wrote since
            ReleaseHistory started = h.current() == null && lease.stale() == null ? begin(h, planned, true) : null;
            ReleaseInfo target = planned;
            if (started == null) {
                // planned again under the Lease: a deploy may have finished while this rollback waited
                abandonStale(lease);
                ReleaseHistory now = ctx.history().read();
                releases = releases(now);
                target = plan(now, releases);
                if (target.release().equals(now.live())) {
                    ctx.progress().line(ctx.appName() + " " + target.release() + " is already live");
                    return new RollbackResult(target.release(), now.live(), false, List.of(), null);
                }
                started = begin(now, target, false);
            }
            return run(started.current(), target, lease, releases);
        }
    }

    /** Thrown by {@link #begin} when the history is no longer the one the plan was made from. */
    private static final class HistoryChanged extends RuntimeException {
        HistoryChanged() {
            super(null, null, false, false);
        }
    }

    /**
     * Records the rollback to {@code target} in flight; with {@code guarded}, only if the history still equals
     * {@code seen} ({@code null} otherwise).
     */
    private ReleaseHistory begin(ReleaseHistory seen, ReleaseInfo target, boolean guarded) {
        boolean cold = target.state() == ReleaseState.COLD;
        try {
            return ctx.history().update(x -> {
                if (guarded && !x.equals(seen)) {
                    throw new HistoryChanged();
                }
                return x.withCurrent(new ReleaseHistory.Operation(
                        ctx.operationId(),
                        Action.ROLLBACK,
                        target.release(),
                        x.live(),
                        cold ? Phase.SCALING : Phase.SWITCHING,
                        req.actor(),
                        ctx.now()));
            });
        } catch (HistoryChanged e) {
            return null;
        }
    }

    /** Resolves the target and checks it: known, not failed, same schema as live unless allowed. */
    private ReleaseInfo plan(ReleaseHistory h, List<ReleaseInfo> releases) {
        ReleaseInfo target = resolve(h, releases);
        if (target.release().equals(h.live())) {
            return target;
        }
        guardSchema(h, releases, target);
        if (target.state() == ReleaseState.FAILED) {
            throw new ReleaseException(ctx.appName() + " " + target.release() + " failed when" + " it was deployed ("
                    + target.failure() + "); roll back to one of: " + list(releases));
        }
        return target;
    }

    /**
     * Continues a rollback found in flight. The history and the target are read again once the Lease is held:
     * another operation may have recorded this one as abandoned, or changed the target, meanwhile.
     */
    RollbackResult resume(ReleaseHistory.Operation found) {
        try (ReleaseLease lease = lease()) {
            ReleaseHistory h = acquireToResume(
                    lease, req.lockTimeout(), found, "the rollback of " + ctx.appName() + " to " + found.release());
            ReleaseHistory.Operation op = h.current();
            List<ReleaseInfo> releases = releases(h);
            ReleaseInfo target = releases.stream()
                    .filter(r -> r.release().equals(op.release()))
                    .findFirst()
                    .orElseThrow(() -> new ReleaseException(
                            ctx.appName() + " " + op.release() + " no longer exists; cannot resume the rollback"));
            ctx.progress().line("resuming the rollback of " + ctx.appName() + " to " + op.release());
            return run(op, target, lease, releases);
        }
    }

    private ReleaseLease lease() {
        return lease(Action.ROLLBACK, req.actor(), "");
    }

    private List<ReleaseInfo> releases(ReleaseHistory h) {
        return ReleaseInventory.list(ctx.client(), ctx.namespace(), ctx.app(), h, listed);
    }

    /** The target's Deployments as {@code releases} listed them (no request); listed again when they are not there. */
    private List<Deployment> deploymentsOf(String release) {
        List<Deployment> known = listed.get(release);
        return known != null ? known : ReleaseInventory.deployments(ctx.client(), ctx.namespace(), ctx.app(), release);
    }

    /** {@code releases}: the inventory {@code target} was planned from, under the Lease. */
    private RollbackResult run(
            ReleaseHistory.Operation op, ReleaseInfo target, ReleaseLease lease, List<ReleaseInfo> releases) {
        boolean cold = Phase.SCALING.equals(op.phase());
        List<String> switched = new ArrayList<>();
        List<Deployment> deployments;
        try {
            deployments = deploymentsOf(target.release());
            if (cold) {
                ctx.progress().line(ctx.appName() + " " + target.release() + " is cold; scaling it up");
                for (Deployment d : deployments) {
                    int replicas = ReleaseInventory.parseReplicas(
                            d.getMetadata().getAnnotations().get(ReleaseLabels.REPLICAS));
                    ctx.deployments().scale(d.getMetadata().getName(), replicas);
                    ctx.waits()
                            .rollout(
                                    ctx.namespace(),
                                    d.getMetadata().getName(),
                                    d.getSpec().getSelector().getMatchLabels(),
                                    req.timeout());
                }
                setPhase(Phase.SWITCHING);
            } else {
                // from the inventory the target was planned from: every Deployment needs a ready pod (case 30)
                checkReady(target, deployments);
            }
        } catch (RuntimeException e) {
            throw fail(op, target, cold, e);
        }
        lease.checkHeld("the switch to " + target.release());
        ctx.progress().switchInFlight(true);
        try {
            ServiceSwitcher switcher = ctx.switcher();
            Map<String, Map<String, String>> selectors = ServiceSwitcher.recordedSelectors(deployments);
            for (Service service : switcher.appServices(ctx.app())) {
                String name = service.getMetadata().getName();
                boolean sent = switcher.patch(ctx.app(), service, op.from(), target.release(), selectors.get(name));
                ctx.progress()
                        .line(ServiceSwitcher.switchLine(ctx.namespace(), name, op.from(), target.release(), sent));
                switched.add(name);
            }
        } catch (RuntimeException e) {
            throw fail(op, target, cold, e);
        } finally {
            ctx.progress().switchInFlight(false);
        }
        try {
            // never report a rollback done while a Service selects no ready pod of its target (audit D-6)
            Predicate<String> ofTarget = pod -> deployments.stream()
                    .anyMatch(d -> pod.startsWith(d.getMetadata().getName() + "-"));
            for (String name : switched) {
                awaitEndpoints(name, ofTarget);
            }
        } catch (RuntimeException e) {
            throw fail(op, target, cold, e);
        }
        List<String> unfollowed = new FollowerSwitch(ctx).retarget(target.release(), deployments);
        if (!unfollowed.isEmpty()) {
            ctx.progress()
                    .line("warning: not pointed at " + target.release() + ": " + String.join(", ", unfollowed)
                            + "; point them at it by hand");
        }
        String at = ctx.now();
        ReleaseHistory.Pin pin = new ReleaseHistory.Pin(target.release(), req.actor(), req.reason(), at);
        ReleaseMetadata m = target.metadata();
        lease.checkHeld("recording " + target.release() + " as live");
        ReleaseHistory done = recordLive(
                op,
                () -> ctx.history()
                        .updateRetrying(
                                x -> {
                                    if (landed(x, op)) {
                                        return x;
                                    }
                                    ours(x, "recording " + target.release() + " as live");
                                    return x.finish(
                                            ReleaseHistory.Entry.rollback(
                                                    op,
                                                    m,
                                                    Outcome.SUCCEEDED,
                                                    null,
                                                    at,
                                                    reason(),
                                                    target.release(),
                                                    op.from()),
                                            target.release(),
                                            op.from(),
                                            pin);
                                },
                                FINAL_WRITE_PAUSE));
        // the inventory planned under the Lease still holds: only this rollback scaled or switched anything since
        retire(done, Integer.MAX_VALUE, releases);
        ctx.progress()
                .line(ctx.appName() + " " + target.release() + " is live; the app is pinned"
                        + " to it until a deploy unpins it");
        return new RollbackResult(target.release(), op.from(), cold, switched, handle);
    }

    /**
     * Waits until the Service's EndpointSlices list only the target's pods, with one watch that starts with the
     * slices as they are (no LIST); where that watch cannot answer, as every other wait does (a LIST, then a watch).
     */
    private void awaitEndpoints(String service, Predicate<String> ofTarget) {
        List<EndpointSlice> slices;
        try {
            slices = EndpointSlices.awaitOnly(
                    ctx.client(), ctx.namespace(), service, ofTarget, req.timeout(), Waits.BACKSTOP);
        } catch (TimeoutException e) {
            throw new ReleaseException("Service " + ctx.namespace() + "/" + service + " has no ready endpoint of "
                    + "the target (or still lists other pods) after "
                    + req.timeout().toSeconds() + " s; check its"
                    + " selector and ports");
        }
        if (slices == null) {
            ctx.waits().readyEndpoints(ctx.namespace(), service, ofTarget, req.timeout());
        } else {
            ctx.progress()
                    .line("Service " + ctx.namespace() + "/" + service + " has " + EndpointSlices.ready(slices)
                            + " ready endpoints");
        }
    }

    /**
     * A warm target is switched to only when every one of its Deployments has a ready pod: one that has none (its
     * pods crash, or were evicted) is refused, never scaled up again (audit case 30).
     */
    private void checkReady(ReleaseInfo target, List<Deployment> deployments) {
        List<String> none = deployments.stream()
                .filter(d -> d.getStatus() == null
                        || d.getStatus().getReadyReplicas() == null
                        || d.getStatus().getReadyReplicas() < 1)
                .map(d -> ctx.namespace() + "/" + d.getMetadata().getName())
                .toList();
        if (!none.isEmpty()) {
            throw new ReleaseException(target.release() + " has no ready pod in " + String.join(", ", none)
                    + "; not pointing the Services at it. Check its pods, wait for them, or roll back to another"
                    + " release");
        }
    }

    /** See {@link RollbackFailure}: switches back, scales a cold target to 0 again and records the failure. */
    private ReleaseException fail(
            ReleaseHistory.Operation op, ReleaseInfo target, boolean cold, RuntimeException cause) {
        return new RollbackFailure(ctx, reason()).handle(op, target, cold, cause);
    }

    /** The reason the history records: the request's, and that a schema change was allowed. */
    private String reason() {
        String r = req.reason() == null ? "" : req.reason();
        return req.allowSchemaChange()
                ? (r.isEmpty() ? "" : r + "; ") + "schema change allowed"
                : r.isEmpty() ? null : r;
    }

    ReleaseInfo resolve(ReleaseHistory h, List<ReleaseInfo> releases) {
        String t = req.target();
        String wanted;
        if ("previous".equals(t)) {
            wanted = h.previous();
            if (wanted == null) {
                throw new ReleaseException(ctx.appName() + " has no previous release; releases: " + list(releases));
            }
        } else if (ReleaseMetadata.number(t) > 0) {
            wanted = t;
        } else if (ImageRef.isDigest(t)) {
            wanted = releases.stream()
                    .filter(r -> r.metadata().images().stream().anyMatch(i -> i.endsWith("@" + t)))
                    .map(ReleaseInfo::release)
                    .findFirst()
                    .orElse(null);
        } else if (t.matches("[0-9a-fA-F]{7,40}")) {
            wanted = releases.stream()
                    .filter(r -> r.metadata().gitCommit() != null
                            && r.metadata().gitCommit().toLowerCase().startsWith(t.toLowerCase()))
                    .map(ReleaseInfo::release)
                    .findFirst()
                    .orElse(null);
        } else {
            throw new ReleaseException(RequestValidator.checkTarget(t).orElseThrow());
        }
        return releases.stream()
                .filter(r -> r.release().equals(wanted))
                .findFirst()
                .orElseThrow(() -> new ReleaseException(
                        ctx.appName() + " has no release " + t + "; nothing was changed. Releases: " + list(releases)));
    }

    private void guardSchema(ReleaseHistory h, List<ReleaseInfo> releases, ReleaseInfo target) {
        String liveSchema = releases.stream()
                .filter(r -> r.release().equals(h.live()))
                .findFirst()
                .map(r -> r.metadata().schemaVersion())
                .orElse(null);
        if (Objects.equals(liveSchema, target.metadata().schemaVersion()) || req.allowSchemaChange()) {
            return;
        }
        String safe = releases.stream()
                .filter(r -> !r.release().equals(h.live())
                        && r.state() != ReleaseState.FAILED
                        && Objects.equals(liveSchema, r.metadata().schemaVersion()))
                .map(ReleaseInfo::describe)
                .collect(Collectors.joining(", "));
        throw new ReleaseException(ctx.appName() + " " + target.release() + " needs schema "
                + target.metadata().schemaVersion() + " but live " + h.live() + " has schema " + liveSchema
                + "; nothing was changed. Safe targets: " + (safe.isEmpty() ? "none" : safe)
                + ". Allow the schema change explicitly if the data is compatible.");
    }

    static String list(List<ReleaseInfo> releases) {
        return releases.isEmpty()
                ? "none"
                : releases.stream().map(ReleaseInfo::describe).collect(Collectors.joining(", "));
    }
}
