package io.jenkins.plugins.kubernetesdelivery.engine.approval;

import java.util.Objects;

/**
 * The outcome of {@link ApprovalRules#decide}: allowed, by which rule, or refused, naming the rule and what to do.
 *
 * @param rule the rule that decided
 * @param reason one line for people: why it is allowed or refused and, when refused, what to do
 */
public record ApprovalDecision(Rule rule, String reason) {

    /** The rules, in the order they are checked. */
    public enum Rule {
        /** Allowed: the approver is named by id among the approvers. */
        APPROVER(true),
        /**
         * Allowed: the approvers did not change since {@code input} admitted the approver (by id, group or as an
         * administrator).
         */
        ADMITTED_BY_INPUT(true),
        /** Allowed: a group of the approver is named among the approvers. */
        GROUP(true),
        /** Allowed: the approver administers Jenkins ({@code input} lets administrators approve). */
        ADMINISTRATOR(true),
        /** Allowed: the policy allows the build's starter and commit authors to approve. */
        SELF_APPROVAL_ALLOWED(true),
        /** Refused: nobody signed in approved. */
        NO_APPROVER(false),
        /** Refused: the policy names no approvers. */
        NO_APPROVERS(false),
        /** Refused: the approver is none of the approvers under the current policy. */
        NOT_AN_APPROVER(false),
        /** Refused: the approver started the build. */
        SELF_APPROVAL_BY_STARTER(false),
        /** Refused: the approver wrote one of the commits being approved. */
        SELF_APPROVAL_BY_AUTHOR(false);

        private final boolean allows;

        Rule(boolean allows) {
            this.allows = allows;
        }

        public boolean allows() {
            return allows;
        }
    }

    public ApprovalDecision {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(reason, "reason");
    }

    public boolean allowed() {
        return rule.allows();
    }
}
