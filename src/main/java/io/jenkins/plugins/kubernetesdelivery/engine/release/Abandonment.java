package io.jenkins.plugins.kubernetesdelivery.engine.release;

import io.fabric8.kubernetes.api.model.apps.Deployment;

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
        ctx.progress().line("recording the unfinished " + stale.action() + " of " + ctx.appName() + " "
                + stale.release() + " as abandoned");
        String message = "abandoned: its process stopped during phase " + stale.phase() + "; superseded by"
                + " operation " + ctx.operationId();
        if (ReleaseHistory.Action.DEPLOY.equals(stale.action())
                && !stale.release().equals(ctx.history().read().live())) {
            // it may have died halfway through the switch: Services go back before its pods go away
            RuntimeException errors = new ReleaseException("cannot switch Services of " + ctx.appName()
                    + " back to " + stale.from());
            if (!ctx.switcher().revert(ctx.app(), stale.release(), stale.from(), errors).isEmpty()) {
                throw errors;
            }
            for (Deployment d : ReleaseInventory.deployments(ctx.client(), ctx.namespace(), ctx.app(),
                    stale.release())) {
                ctx.deployments().retire(d.getMetadata().getName(), message);
            }
        }
        ctx.history().update(x -> x.current() == null || !x.current().id().equals(stale.id()) ? x
                : x.finish(ReleaseHistory.Entry.abandoned(stale, message, ctx.now(), x.live(), x.previous()),
                        x.live(), x.previous(), x.pin()));
    }
}
