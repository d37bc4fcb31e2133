package io.jenkins.plugins.kubernetesdelivery.engine.release;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubernetesdelivery.engine.ProgressListener;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ImageRef;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.Interrupts;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseHistory.Action;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseHistory.Outcome;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseHistory.Phase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One rollback: resolve the target, guard the schema, then a warm target gets one selector patch per Service;
 * a cold one is scaled up and waited for first. The app is pinned to the target afterwards.
 */
final class RollbackOperation extends ReleaseOperation {


    private final RollbackRequest req;

    RollbackOperation(KubernetesClient client, ProgressListener progress, Clock clock, RollbackRequest req,
            ReleaseHandle handle) {
        super(client, progress, clock, handle, req.namespace(), req.app());
        this.req = req;
    }

    RollbackResult start() {
        ReleaseHistory h = history.read();
        ReleaseInfo planned = plan(h);
        if (planned.release().equals(h.live())) {
            progress.line(ns + "/" + req.app() + " " + planned.release() + " is already live");
            return new RollbackResult(planned.release(), h.live(), false, List.of(), null);
        }
        try (ReleaseLease lease = lease()) {
            lease.acquire(req.lockTimeout(), progress);
            abandonStale();
            // planned again under the Lease: a deploy may have finished while this rollback waited
            ReleaseHistory now = history.read();
            ReleaseInfo target = plan(now);
            if (target.release().equals(now.live())) {
                progress.line(ns + "/" + req.app() + " " + target.release() + " is already live");
                return new RollbackResult(target.release(), now.live(), false, List.of(), null);
            }
            boolean cold = target.state() == ReleaseState.COLD;
            ReleaseHistory started = history.update(x -> x.withCurrent(new ReleaseHistory.Operation(
                    handle.operationId(), Action.ROLLBACK, target.release(), x.live(),
                    cold ? Phase.SCALING : Phase.SWITCHING, req.actor(), clock.instant().toString())));
            return run(started.current(), target, lease);
        }
    }

    /** Resolves the target and checks it: known, not failed, same schema as live unless allowed. */
    private ReleaseInfo plan(ReleaseHistory h) {
        List<ReleaseInfo> releases = ReleaseInventory.list(client, ns, req.app(), h);
        ReleaseInfo target = resolve(h, releases);
        if (target.release().equals(h.live())) {
            return target;
        }
        guardSchema(h, releases, target);
        if (target.state() == ReleaseState.FAILED) {
            throw new ReleaseException(ns + "/" + req.app() + " " + target.release() + " failed when"
                    + " it was deployed (" + target.failure() + "); roll back to one of: " + list(releases));
        }
        return target;
    }

    /**
     * Continues a rollback found in flight. The history and the target are read again once the Lease is held:
     * another operation may have recorded this one as abandoned, or changed the target, meanwhile.
     */
    RollbackResult resume(ReleaseHistory.Operation found) {
        try (ReleaseLease lease = lease()) {
            ReleaseHistory h = acquireToResume(lease, req.lockTimeout(), found,
                    "the rollback of " + ns + "/" + req.app() + " to " + found.release());
            ReleaseHistory.Operation op = h.current();
            ReleaseInfo target = ReleaseInventory.list(client, ns, req.app(), h).stream()
                    .filter(r -> r.release().equals(op.release())).findFirst()
                    .orElseThrow(() -> new ReleaseException(ns + "/" + req.app() + " " + op.release()
                            + " no longer exists; cannot resume the rollback"));
            progress.line("resuming the rollback of " + ns + "/" + req.app() + " to " + op.release());
            return run(op, target, lease);
        }
    }

    private ReleaseLease lease() {
        return lease(Action.ROLLBACK, req.actor(), "");
    }

    private RollbackResult run(ReleaseHistory.Operation op, ReleaseInfo target, ReleaseLease lease) {
        boolean cold = Phase.SCALING.equals(op.phase());
        List<String> switched = new ArrayList<>();
        try {
            if (cold) {
                progress.line(ns + "/" + req.app() + " " + target.release() + " is cold; scaling it up");
                for (Deployment d : ReleaseInventory.deployments(client, ns, req.app(), target.release())) {
                    int replicas = ReleaseInventory.parseReplicas(d.getMetadata().getAnnotations()
                            .get(ReleaseLabels.REPLICAS));
                    Retention.scale(client, ns, d.getMetadata().getName(), replicas);
                    new ClusterWaits(client, progress).rollout(ns, d.getMetadata().getName(),
                            d.getSpec().getSelector().getMatchLabels(), req.timeout());
                }
                setPhase(Phase.SWITCHING);
            } else if (ReleaseInventory.deployments(client, ns, req.app(), target.release()).stream()
                    .noneMatch(d -> d.getStatus() != null && d.getStatus().getReadyReplicas() != null
                            && d.getStatus().getReadyReplicas() > 0)) {
                throw new ReleaseException(target.release() + " has no ready pod; not pointing the Services at it."
                        + " Wait for it, or roll back to another release");
            }
        } catch (RuntimeException e) {
            throw fail(op, target, cold, e);
        }
        lease.checkHeld("the switch to " + target.release());
        progress.switchInFlight(true);
        try {
            ServiceSwitcher switcher = new ServiceSwitcher(client, ns);
            for (String service : services()) {
                boolean sent = switcher.patch(req.app(), service, op.from(), target.release());
                progress.line(ServiceSwitcher.switchLine(ns, service, op.from(), target.release(), sent));
                switched.add(service);
            }
        } catch (RuntimeException e) {
            throw fail(op, target, cold, e);
        } finally {
            progress.switchInFlight(false);
        }
        String at = clock.instant().toString();
        ReleaseHistory.Pin pin = new ReleaseHistory.Pin(target.release(), req.actor(), req.reason(), at);
        ReleaseMetadata m = target.metadata();
        lease.checkHeld("recording " + target.release() + " as live");
        ReleaseHistory done = history.update(x -> x.finish(ReleaseHistory.Entry.rollback(op, m, Outcome.SUCCEEDED,
                null, at, reason(), target.release(), op.from()), target.release(), op.from(), pin));
        retire(done, Integer.MAX_VALUE);
        progress.line(ns + "/" + req.app() + " " + target.release() + " is live; the app is pinned"
                + " to it until a deploy unpins it");
        return new RollbackResult(target.release(), op.from(), cold, switched, handle);
    }

    /**
     * A failed rollback: Services already switched go back to the release that was live, a cold target goes back to
     * 0, and the rollback is recorded failed (the app is not pinned). Runs with the interrupt flag cleared.
     */
    private ReleaseException fail(ReleaseHistory.Operation op, ReleaseInfo target, boolean cold,
            RuntimeException cause) {
        return Interrupts.supplyCleared(() -> cleanUp(op, target, cold, cause));
    }

    private ReleaseException cleanUp(ReleaseHistory.Operation op, ReleaseInfo target, boolean cold,
            RuntimeException cause) {
        String message = failureMessage(cause);
        List<String> stuck;
        try {
            stuck = op.from() == null ? List.of()
                    : new ServiceSwitcher(client, ns).revert(req.app(), target.release(), op.from(), cause);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
            stuck = List.of("(cannot list the Services)");
        }
        if (cold && stuck.isEmpty()) {
            for (Deployment d : ReleaseInventory.deployments(client, ns, req.app(), target.release())) {
                try {
                    Retention.scale(client, ns, d.getMetadata().getName(), 0);
                } catch (RuntimeException e) {
                    cause.addSuppressed(e);
                }
            }
        }
        String partly = stuck.isEmpty() ? "" : "; Services " + String.join(", ", stuck) + " still select "
                + target.release() + " (switching them back failed)";
        try {
            history.update(x -> x.finish(ReleaseHistory.Entry.rollback(op, null, Outcome.FAILED, message + partly,
                    clock.instant().toString(), reason(), x.live(), x.previous()), x.live(), x.previous(), x.pin()));
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
        progress.line("the rollback of " + ns + "/" + req.app() + " to " + target.release() + " failed; "
                + (op.from() == null ? "no release was live" : op.from() + " stays live"));
        return new ReleaseException(ns + "/" + req.app() + " rollback to " + target.release()
                + " failed: " + message + "; " + (op.from() == null ? "no release was live" : op.from()
                + " stays live") + (cold && stuck.isEmpty() ? ", " + target.release() + " is scaled to 0 again"
                : "") + partly, cause);
    }

    private String reason() {
        String r = req.reason() == null ? "" : req.reason();
        return req.allowSchemaChange() ? (r.isEmpty() ? "" : r + "; ") + "schema change allowed" : r.isEmpty() ? null : r;
    }

    /** The Services whose selector belongs to this app's releases. */
    private List<String> services() {
        return client.services().inNamespace(ns).list().getItems()
                .stream().filter(s -> s.getSpec().getSelector() != null
                        && req.app().equals(s.getSpec().getSelector().get(ReleaseLabels.APP))
                        && s.getSpec().getSelector().containsKey(ReleaseLabels.RELEASE)
                        && !s.getMetadata().getName().endsWith(ReleaseRenderer.PREVIEW_SUFFIX))
                .map(Service::getMetadata).map(m -> m.getName()).sorted().toList();
    }

    ReleaseInfo resolve(ReleaseHistory h, List<ReleaseInfo> releases) {
        String t = req.target();
        String wanted;
        if ("previous".equals(t)) {
            wanted = h.previous();
            if (wanted == null) {
                throw new ReleaseException(ns + "/" + req.app() + " has no previous release; releases: "
                        + list(releases));
            }
        } else if (ReleaseMetadata.number(t) > 0) {
            wanted = t;
        } else if (ImageRef.isDigest(t)) {
            wanted = releases.stream().filter(r -> r.metadata().images().stream().anyMatch(i -> i.endsWith("@" + t)))
                    .map(ReleaseInfo::release).findFirst().orElse(null);
        } else if (t.matches("[0-9a-fA-F]{7,40}")) {
            wanted = releases.stream().filter(r -> r.metadata().gitCommit() != null
                            && r.metadata().gitCommit().toLowerCase().startsWith(t.toLowerCase()))
                    .map(ReleaseInfo::release).findFirst().orElse(null);
        } else {
            throw new ReleaseException(RequestValidator.checkTarget(t).orElseThrow());
        }
        return releases.stream().filter(r -> r.release().equals(wanted)).findFirst()
                .orElseThrow(() -> new ReleaseException(ns + "/" + req.app() + " has no release "
                        + t + "; nothing was changed. Releases: " + list(releases)));
    }

    private void guardSchema(ReleaseHistory h, List<ReleaseInfo> releases, ReleaseInfo target) {
        String liveSchema = releases.stream().filter(r -> r.release().equals(h.live())).findFirst()
                .map(r -> r.metadata().schemaVersion()).orElse(null);
        if (Objects.equals(liveSchema, target.metadata().schemaVersion()) || req.allowSchemaChange()) {
            return;
        }
        String safe = releases.stream().filter(r -> !r.release().equals(h.live()) && r.state() != ReleaseState.FAILED
                        && Objects.equals(liveSchema, r.metadata().schemaVersion()))
                .map(ReleaseInfo::describe).collect(Collectors.joining(", "));
        throw new ReleaseException(ns + "/" + req.app() + " " + target.release() + " needs schema "
                + target.metadata().schemaVersion() + " but live " + h.live() + " has schema " + liveSchema
                + "; nothing was changed. Safe targets: " + (safe.isEmpty() ? "none" : safe)
                + ". Allow the schema change explicitly if the data is compatible.");
    }

    static String list(List<ReleaseInfo> releases) {
        return releases.isEmpty() ? "none" : releases.stream().map(ReleaseInfo::describe)
                .collect(Collectors.joining(", "));
    }
}
