package io.jenkins.plugins.kubernetesdelivery.engine.release;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;

/**
 * An operation still recorded in flight although a new one holds the Lease: its process died and its Lease
 * expired without a resume. It is recorded as abandoned (failed); Services it had already switched go back to the
 * release it started from, and a release it was deploying goes to 0, since it never became live.
 */
final class Abandonment {

    private final OperationContext ctx;

    Abandonment(OperationContext ctx) {
        this.ctx = ctx;
    }

    /** Under the Lease: records the operation in flight as abandoned, unless there is none or it is this one. */
    void recordStale() {
        ReleaseHistory.Operation stale = ctx.history().read().current();
        if (stale == null || stale.id().equals(ctx.operationId())) {
            return;
        }
        ctx.progress()
                .line("recording the unfinished " + stale.action() + " of " + ctx.appName() + " " + stale.release()
                        + " as abandoned");
        String message = "abandoned: its process stopped during phase " + stale.phase() + "; superseded by"
                + " operation " + ctx.operationId();
        if (switchLanded(stale)) {
            recordLive(stale);
            return;
        }
        if (ReleaseHistory.Action.DEPLOY.equals(stale.action())
                && !stale.release().equals(ctx.history().read().live())) {
            // it may have died halfway through the switch: Services go back before its pods go away
            RuntimeException errors =
                    new ReleaseException("cannot switch Services of " + ctx.appName() + " back to " + stale.from());
            if (!ctx.switcher()
                    .revert(ctx.app(), stale.release(), stale.from(), errors)
                    .isEmpty()) {
                throw errors;
            }
            for (Deployment d :
                    ReleaseInventory.deployments(ctx.client(), ctx.namespace(), ctx.app(), stale.release())) {
                ctx.deployments().retire(d.getMetadata().getName(), message);
            }
        }
        ctx.history()
                .update(x -> x.current() == null || !x.current().id().equals(stale.id())
                        ? x
                        : x.finish(
                                ReleaseHistory.Entry.abandoned(stale, message, ctx.now(), x.live(), x.previous()),
                                x.live(),
                                x.previous(),
                                x.pin()));
    }

    /**
     * Whether the stale operation's switch had landed: it was switching, and every Service of the app selects its
     * release (a final history write that failed, or a process that stopped right after the switch). Its release was
     * ready before the switch and serves now, so it is recorded as live instead of being undone (audit D-13).
     */
    private boolean switchLanded(ReleaseHistory.Operation stale) {
        if (!ReleaseHistory.Phase.SWITCHING.equals(stale.phase())
                || stale.release().equals(ctx.history().read().live())) {
            return false;
        }
        List<Service> services = ctx.switcher().appServices(ctx.app());
        return !services.isEmpty()
                && services.stream()
                        .allMatch(s ->
                                stale.release().equals(s.getSpec().getSelector().get(ReleaseLabels.RELEASE)));
    }

    private void recordLive(ReleaseHistory.Operation stale) {
        List<Deployment> ds = ReleaseInventory.deployments(ctx.client(), ctx.namespace(), ctx.app(), stale.release());
        ReleaseMetadata m = ReleaseMetadata.fromAnnotations(
                ctx.app(),
                stale.release(),
                ds.isEmpty() ? null : ds.get(0).getMetadata().getAnnotations());
        String at = ctx.now();
        String message = "recorded as live by operation " + ctx.operationId() + ": its switch had landed, but its"
                + " process did not record it";
        boolean rollback = ReleaseHistory.Action.ROLLBACK.equals(stale.action());
        ctx.progress()
                .line("recording " + ctx.appName() + " " + stale.release() + " as live: the unfinished "
                        + stale.action() + " had switched every Service to it");
        ctx.history()
                .update(x -> x.current() == null || !x.current().id().equals(stale.id())
                        ? x
                        : x.finish(
                                rollback
                                        ? ReleaseHistory.Entry.rollback(
                                                stale,
                                                m,
                                                ReleaseHistory.Outcome.SUCCEEDED,
                                                message,
                                                at,
                                                null,
                                                stale.release(),
                                                stale.from())
                                        : ReleaseHistory.Entry.deploy(
                                                stale,
                                                m,
                                                ReleaseHistory.Outcome.SUCCEEDED,
                                                message,
                                                at,
                                                false,
                                                stale.release(),
                                                stale.from()),
                                stale.release(),
                                stale.from(),
                                rollback ? new ReleaseHistory.Pin(stale.release(), stale.by(), null, at) : null));
    }
}
