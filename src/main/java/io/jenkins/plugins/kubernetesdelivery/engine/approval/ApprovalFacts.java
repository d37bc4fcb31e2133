package io.jenkins.plugins.kubernetesdelivery.engine.approval;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What is known about one approval when it is checked: who gave it, for which environment, who started the build and
 * wrote its commits, and which approvers {@code input} checked the approver against when it was given.
 *
 * @param environment the environment approved
 * @param approver the user id of who approved, or {@code null} when nobody signed in did (security off, anonymous)
 * @param starter the user id of who started the build, or {@code null} when no user did (timer, SCM change)
 * @param commitAuthors the user ids of the authors of the commits being approved; blanks are dropped
 * @param admittedUnder the policy whose approvers {@code input} admitted the approver under, or {@code null} when
 *     unknown
 */
public record ApprovalFacts(
        String environment, String approver, String starter, Set<String> commitAuthors, ApprovalPolicy admittedUnder) {

    public ApprovalFacts {
        Set<String> kept = new LinkedHashSet<>();
        if (commitAuthors != null) {
            for (String a : commitAuthors) {
                if (a != null && !a.isBlank()) {
                    kept.add(a.strip());
                }
            }
        }
        commitAuthors = Set.copyOf(kept);
        approver = approver == null || approver.isBlank() ? null : approver.strip();
        starter = starter == null || starter.isBlank() ? null : starter.strip();
    }
}
