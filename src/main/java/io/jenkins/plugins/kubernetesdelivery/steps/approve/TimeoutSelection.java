package io.jenkins.plugins.kubernetesdelivery.steps.approve;

import io.jenkins.plugins.kubernetesdelivery.engine.approval.ApprovalDeadline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Which waiting approvals the periodic check aborts: those not settled whose deadline has passed. */
final class TimeoutSelection {

    private TimeoutSelection() {}

    /**
     * A pending {@code input} as the check sees it.
     *
     * @param execution what to abort
     * @param approval the {@code approveFor} it belongs to, or {@code null} for a plain {@code input} (never aborted)
     * @param settled whether it was answered already
     */
    record Pending<T>(T execution, ApprovalAction approval, boolean settled) {
        Pending {
            Objects.requireNonNull(execution, "execution");
        }
    }

    /** The pending approvals to abort at {@code now}. */
    static <T> List<Pending<T>> expired(List<Pending<T>> pending, Instant now) {
        List<Pending<T>> expired = new ArrayList<>();
        for (Pending<T> p : pending) {
            if (p.approval() != null
                    && !p.settled()
                    && ApprovalDeadline.passed(p.approval().deadline(), now)) {
                expired.add(p);
            }
        }
        return expired;
    }
}
