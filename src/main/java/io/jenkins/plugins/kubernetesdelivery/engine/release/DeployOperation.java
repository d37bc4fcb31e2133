package io.jenkins.plugins.kubernetesdelivery.engine.release;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import io.jenkins.plugins.kubernetesdelivery.engine.ProgressListener;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ApiResources;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.Strings;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseHistory.Action;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseHistory.Outcome;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseHistory.Phase;
import io.jenkins.plugins.kubernetesdelivery.engine.release.render.ReleaseRenderer;
import io.jenkins.plugins.kubernetesdelivery.engine.release.render.RenderedRelease;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One deploy, phase by phase: allocated → applied → switching → recorded. Each phase is written to the
 * history before the next starts, so that {@link ReleaseEngine#resume} continues where it stopped: an applied
 * release is not applied again, a Service already switched gets no request.
 */
final class DeployOperation extends ReleaseOperation {

    /** The pin's who and why are cut to this length in messages. */
    static final int MAX_PIN_TEXT = 200;

    private final ReleaseRequest req;

    DeployOperation(
            KubernetesClient client, ProgressListener progress, Clock clock, ReleaseRequest req, ReleaseHandle handle) {
        super(OperationContext.of(client, req.namespace(), req.app(), progress, clock, handle.operationId()), handle);
        this.req = req;
    }

    /** A new deploy: checks that need the cluster (read only), then the Lease, then the phases. */
    DeployResult start() {
        ReleaseHistory before = checkPin(ctx.history().read());
        DeployResult rerun = sameAsLive(before);
        if (rerun != null) {
            return rerun;
        }
        checkCluster(before.lastRelease() + 1, before.sharedApplied());
        try (ReleaseLease lease = lease()) {
            lease.acquire(req.lockTimeout(), ctx.progress());
            // the allocation is a compare-and-set on the history as last read: when nothing was in flight then, and
            // nobody wrote since, there is nothing stale to record first and no need to read it again
            // (an operation the Lease records in flight, from a process that stopped, is recorded first too)
            ReleaseHistory allocated = before.current() == null && lease.stale() == null ? allocate(true) : null;
            if (allocated == null) {
                abandonStale(lease);
                allocated = allocate(false);
            }
            ReleaseHistory.Operation op = allocated.current();
            ctx.progress()
                    .line("deploying " + ctx.appName() + " " + op.release() + " (live: "
                            + (op.from() == null ? "none" : op.from()) + ")");
            return run(op, lease, allocated.sharedApplied());
        }
    }

    /** Thrown by {@link #allocate} when an operation is in flight in the history. */
    private static final class InFlight extends RuntimeException {
        InFlight() {
            super(null, null, false, false);
        }
    }

    /**
     * Allocates the next release number and records this deploy in flight; {@code null} when {@code guarded} and
     * another operation is recorded in flight (it must be recorded as abandoned first).
     */
    private ReleaseHistory allocate(boolean guarded) {
        String at = ctx.now();
        try {
            // checked again under the Lease: a rollback may have pinned the app while this deploy waited
            return ctx.history().update(x -> {
                if (guarded && x.current() != null) {
                    throw new InFlight();
                }
                return checkPin(x)
                        .allocate(new ReleaseHistory.Operation(
                                ctx.operationId(),
                                Action.DEPLOY,
                                ReleaseMetadata.id(x.lastRelease() + 1),
                                x.live(),
                                Phase.ALLOCATED,
                                req.actor(),
                                at,
                                req.inputHash()));
            });
        } catch (InFlight e) {
            return null;
        }
    }

    /**
     * A re-run (a retried or re-run build): when the live release was deployed from the same content (the content
     * hash its history entry records) and nothing is in flight, nothing is deployed and the live release is the
     * result, with no request beyond the history read. {@code null} when it is a deploy to run: forced, unpinning, no
     * live release, or other content.
     */
    private DeployResult sameAsLive(ReleaseHistory h) {
        if (req.force()
                || req.unpin()
                || h.current() != null
                || h.liveContent() == null
                || !h.liveContent().equals(req.contentHash())) {
            return null;
        }
        ctx.progress()
                .line(ctx.appName() + " " + h.live() + " is already live with the same content; nothing"
                        + " was deployed (force: true deploys it again)");
        return new DeployResult(h.live(), h.previous(), ctx.namespace(), List.of(), handle);
    }

    private ReleaseHistory checkPin(ReleaseHistory h) {
        if (h.pin() != null && !req.unpin()) {
            // the pin's who and why were written by another build (or by hand): one bounded line here
            throw new ReleaseException(ctx.appName() + " is pinned to "
                    + h.pin().release()
                    + " after a rollback by "
                    + (h.pin().by() == null
                            ? "someone"
                            : Strings.printable(h.pin().by(), MAX_PIN_TEXT)) + " ("
                    + (h.pin().reason() == null
                            ? "no reason given"
                            : Strings.printable(h.pin().reason(), MAX_PIN_TEXT)) + "); nothing was changed."
                    + " Deploy with unpin: true once the problem that caused the rollback is fixed.");
        }
        return h;
    }

    /**
     * Continues a deploy found in flight in the history, holding the Lease again under the same id. The history is
     * read again once the Lease is held: while this resume waited, another operation may have taken the expired
     * Lease and recorded this one as abandoned.
     */
    DeployResult resume(ReleaseHistory.Operation found) {
        try (ReleaseLease lease = lease()) {
            ReleaseHistory h = acquireToResume(lease, req.lockTimeout(), found, ctx.appName() + " " + found.release());
            ReleaseHistory.Operation op = h.current();
            ctx.progress().line("resuming " + ctx.appName() + " " + op.release() + " at phase " + op.phase());
            return run(op, lease, h.sharedApplied());
        }
    }

    private ReleaseLease lease() {
        return lease(Action.DEPLOY, req.actor(), req.buildUrl() == null ? "" : " (" + req.buildUrl() + ")");
    }

    /**
     * Read-only checks before the Lease: every kind is served, the Services exist, and the API server accepts every
     * object in a dry run (which also tells a missing namespace) (release {@code number}, the one this deploy will most likely get),
     * but the shared objects unchanged since the app last applied them ({@code shared}, see {@link SharedObjects}).
     */
    private void checkCluster(int number, Map<String, String> shared) {
        KubernetesClient client = ctx.client();
        String ns = ctx.namespace();
        RenderedRelease r = render(number, Instant.EPOCH);
        // a resumed deploy is not checked again: the flag is in the request's hash, which resume compares
        List<String> clusterScoped =
                ObjectApplier.checkServed(new ApiResources(client), r.others(), req.allowClusterScoped());
        if (!clusterScoped.isEmpty()) {
            ctx.progress()
                    .line("cluster-scoped objects of " + ctx.appName() + " (allowed for this target): "
                            + ObjectApplier.names(clusterScoped));
        }
        for (String name : clusterOnlyServices(r)) {
            if (client.services().inNamespace(ns).withName(name).get() == null) {
                throw new ReleaseException("Service " + ns + "/" + name + " is neither in the manifests nor"
                        + " in the cluster; nothing was changed. Add it to the manifests or fix the name.");
            }
        }
        // the shared Services are switched with forced ownership later; everything else is applied as is. A missing
        // namespace fails the first dry run (404 on the namespace), so it needs no request of its own
        try {
            List<GenericKubernetesResource> changed = new SharedObjects(ctx, r.others(), shared, req.force()).changed();
            ObjectApplier.dryRun(
                    client,
                    ns,
                    r.beforeRollout().stream()
                            .filter(o -> !r.others().contains(o) || changed.contains(o))
                            .toList());
        } catch (ReleaseException e) {
            if (e.getCause() instanceof KubernetesClientException k
                    && k.getCode() == 404
                    && k.getStatus() != null
                    && k.getStatus().getDetails() != null
                    && "namespaces".equals(k.getStatus().getDetails().getKind())) {
                throw new ReleaseException("namespace " + ns + " does not exist; nothing was changed. Create"
                        + " it, or deploy to another one.");
            }
            throw e;
        }
    }

    private RenderedRelease render(int number, Instant at) {
        List<String> problems = new ArrayList<>();
        RenderedRelease r = ReleaseRenderer.render(req, number, at, problems);
        if (!problems.isEmpty()) {
            throw DeliveryException.invalid(ReleaseEngine.deployRequest(ctx.namespace(), ctx.app()), problems);
        }
        return r;
    }

    private List<String> clusterOnlyServices(RenderedRelease r) {
        List<String> inManifests =
                r.services().stream().map(RenderedRelease.ServicePair::name).toList();
        return req.services().stream().filter(s -> !inManifests.contains(s)).toList();
    }

    private DeployResult run(ReleaseHistory.Operation op, ReleaseLease lease, Map<String, String> sharedApplied) {
        int number = ReleaseMetadata.number(op.release());
        RenderedRelease r = render(number, Instant.parse(op.startedAt()));
        SharedObjects sharedObjects = new SharedObjects(ctx, r.others(), sharedApplied, req.force());
        String phase = op.phase();
        List<String> created = new ArrayList<>();
        try {
            if (Phase.ALLOCATED.equals(phase)) {
                List<GenericKubernetesResource> first = new ArrayList<>(r.configs());
                // shared objects: the missing ones now, the changed ones after the switch (SharedObjects)
                first.addAll(sharedObjects.missing(created));
                r.services().forEach(s -> first.add(s.preview()));
                first.addAll(r.deployments());
                ctx.progress()
                        .line("applying " + first.size() + " objects of " + ctx.appName() + " "
                                + r.metadata().release());
                ObjectApplier.apply(ctx.client(), ctx.namespace(), first);
                phase = setPhase(Phase.APPLIED);
            }
            if (Phase.APPLIED.equals(phase)) {
                awaitReady(r);
                if (req.verification() != null) {
                    VerificationJob.run(
                            ctx.client(),
                            ctx.namespace(),
                            r.metadata(),
                            req.verification(),
                            req.rolloutTimeout(),
                            ctx.progress());
                }
                setPhase(Phase.SWITCHING);
            } else {
                // resumed at the switch: whatever happened meanwhile, never point a Service at pods that are gone
                awaitReady(r);
            }
        } catch (RuntimeException e) {
            throw fail(op, r, e, created);
        }
        // outside the failure handling: an operation that lost the Lease leaves the rest to its new holder
        lease.checkHeld("the switch to " + op.release());
        List<String> switched = new ArrayList<>();
        ctx.progress().switchInFlight(true);
        try {
            switchServices(op, r, switched, lease);
        } catch (RuntimeException e) {
            throw fail(op, r, e, created);
        } finally {
            ctx.progress().switchInFlight(false);
        }
        String sharedFailure = sharedObjects.applyChanged();
        Map<String, String> sharedHashes = sharedObjects.applied();
        lease.checkHeld("recording " + op.release() + " as live");
        ReleaseHistory done = recordLive(
                op,
                () -> ctx.history()
                        .updateRetrying(
                                x -> {
                                    if (landed(x, op)) {
                                        return x;
                                    }
                                    ours(x, "recording " + op.release() + " as live");
                                    return x.finish(
                                            ReleaseHistory.Entry.deploy(
                                                            op,
                                                            r.metadata(),
                                                            Outcome.SUCCEEDED,
                                                            sharedFailure == null
                                                                    ? null
                                                                    : "live, but shared objects not updated: "
                                                                            + sharedFailure,
                                                            ctx.now(),
                                                            req.unpin(),
                                                            op.release(),
                                                            op.from())
                                                    .withContent(sharedFailure == null ? req.contentHash() : null)
                                                    .withShared(sharedHashes),
                                            op.release(),
                                            op.from(),
                                            req.unpin() ? null : x.pin());
                                },
                                FINAL_WRITE_PAUSE));
        retire(done, req.keep());
        if (sharedFailure != null) {
            throw new ReleaseException(ctx.appName() + " " + op.release() + " is live, but its shared objects were"
                    + " not updated: " + sharedFailure + ". Fix them and deploy again.");
        }
        ctx.progress().line(ctx.appName() + " " + op.release() + " is live");
        return new DeployResult(op.release(), op.from(), ctx.namespace(), switched, handle);
    }

    /** The rollout of every Deployment, then ready endpoints of the release in every preview Service. */
    private void awaitReady(RenderedRelease r) {
        String ns = ctx.namespace();
        for (GenericKubernetesResource d : r.deployments()) {
            Map<String, String> pods = d.get("spec", "selector", "matchLabels");
            String name = d.getMetadata().getName();
            // as the rollout's watch last saw it
            var dep = ctx.waits().rollout(ns, name, pods, req.rolloutTimeout());
            if (dep == null
                    || dep.getSpec().getReplicas() == null
                    || dep.getSpec().getReplicas() < 1) {
                throw new ReleaseException(ns + "/" + name + " has been deleted or scaled to 0 by someone else");
            }
        }
        for (RenderedRelease.ServicePair s : r.services()) {
            ctx.waits().readyEndpoints(ns, s.preview().getMetadata().getName(), ofRelease(r), req.rolloutTimeout());
        }
    }

    /** Whether a pod (by name) belongs to the release: its Deployments are named {@code <name>-v<N>}. */
    private static Predicate<String> ofRelease(RenderedRelease r) {
        List<String> prefixes = r.deployments().stream()
                .map(d -> d.getMetadata().getName() + "-")
                .toList();
        return pod -> prefixes.stream().anyMatch(pod::startsWith);
    }

    private void switchServices(
            ReleaseHistory.Operation op, RenderedRelease r, List<String> names, ReleaseLease lease) {
        ServiceSwitcher switcher = ctx.switcher();
        for (RenderedRelease.ServicePair s : r.services()) {
            report(s.name(), op, switcher.apply(s.main(), op.from(), op.release()));
            names.add(s.name());
        }
        for (String name : clusterOnlyServices(r)) {
            if (!names.isEmpty()) {
                // the endpoint wait after the previous switch may have lasted long: still ours? (D-4)
                lease.checkHeld("the switch of Service " + ctx.namespace() + "/" + name);
            }
            report(name, op, switcher.patch(ctx.app(), name, op.from(), op.release()));
            names.add(name);
            // a Service only in the cluster has no preview: its endpoints are checked right after its switch, and
            // a failure switches it back with the others
            ctx.waits().readyEndpoints(ctx.namespace(), name, ofRelease(r), req.rolloutTimeout());
        }
    }

    private void report(String service, ReleaseHistory.Operation op, boolean sent) {
        ctx.progress().line(ServiceSwitcher.switchLine(ctx.namespace(), service, op.from(), op.release(), sent));
    }

    /** See {@link DeployFailure}: switches back, scales the release to 0 and records it failed. */
    private ReleaseException fail(
            ReleaseHistory.Operation op, RenderedRelease r, RuntimeException cause, List<String> created) {
        return new DeployFailure(ctx, req.unpin()).handle(op, r, cause, created);
    }
}
