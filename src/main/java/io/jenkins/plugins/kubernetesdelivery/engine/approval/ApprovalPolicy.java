package io.jenkins.plugins.kubernetesdelivery.engine.approval;

import java.util.ArrayList;
import java.util.List;

/**
 * The approval policy {@code required} of an environment, as the engine sees it: who may approve (user ids and group
 * names), whether the build's starter and the authors of its commits may approve too, how long an approval is waited
 * for. An environment with policy {@code none} has no {@code ApprovalPolicy}.
 *
 * @param approvers user ids and group names, in the configured order; blanks are dropped
 * @param allowSelfApproval whether whoever started the build or wrote the commits being approved may approve it
 * @param timeoutMinutes how long an approval is waited for, {@value ApprovalDeadline#MIN_MINUTES} to
 *     {@value ApprovalDeadline#MAX_MINUTES} minutes
 */
public record ApprovalPolicy(List<String> approvers, boolean allowSelfApproval, int timeoutMinutes) {

    public ApprovalPolicy {
        List<String> kept = new ArrayList<>();
        if (approvers != null) {
            for (String a : approvers) {
                if (a != null && !a.isBlank()) {
                    kept.add(a.strip());
                }
            }
        }
        approvers = List.copyOf(kept);
    }

    /** The approvers as {@code input}'s {@code submitter} takes them: {@code a,b}; empty when none are named. */
    public String submitters() {
        return String.join(",", approvers);
    }

    /** Whether {@code other} names the same approvers, in any order, compared with {@code ids}. */
    public boolean sameApprovers(ApprovalPolicy other, IdMatcher ids) {
        if (other == null || other.approvers.size() != approvers.size()) {
            return false;
        }
        for (String a : approvers) {
            if (!ids.anyOf(a, other.approvers)) {
                return false;
            }
        }
        for (String a : other.approvers) {
            if (!ids.anyOf(a, approvers)) {
                return false;
            }
        }
        return true;
    }
}
