package io.jenkins.plugins.kubernetesdelivery.engine.approval;

import io.jenkins.plugins.kubernetesdelivery.engine.approval.ApprovalDecision.Rule;
import java.util.Objects;

/**
 * Whether an approval counts under an environment's current policy. Checked where the approval is consumed (a deploy
 * to the environment), because {@code input}, which collects it, can only check the approver list: it lets
 * administrators approve and cannot exclude the build's starter or the authors of its commits.
 *
 * <ol>
 *   <li>Someone signed in must have approved ({@link Rule#NO_APPROVER}), and the policy must name approvers
 *       ({@link Rule#NO_APPROVERS}).</li>
 *   <li>The approver must be allowed now: named by id ({@link Rule#APPROVER}); or admitted by {@code input} under the
 *       same approvers as now ({@link Rule#ADMITTED_BY_INPUT}), which spares a directory lookup; or in a named group
 *       ({@link Rule#GROUP}); or an administrator ({@link Rule#ADMINISTRATOR}, Jenkins' own rule for
 *       {@code input}). Otherwise {@link Rule#NOT_AN_APPROVER}: a policy changed since the approval decides.</li>
 *   <li>Unless the policy allows self-approval, the approver must be neither the build's starter
 *       ({@link Rule#SELF_APPROVAL_BY_STARTER}) nor an author of the commits being approved
 *       ({@link Rule#SELF_APPROVAL_BY_AUTHOR}); administrators included.</li>
 * </ol>
 * User ids are compared with {@code ids}, group names with {@code groups} (Jenkins' default: both ignore case).
 */
public final class ApprovalRules {

    private ApprovalRules() {}

    /** {@link #decide(ApprovalPolicy, ApprovalFacts, Directory, IdMatcher, IdMatcher)}, comparing as Jenkins does. */
    public static ApprovalDecision decide(ApprovalPolicy policy, ApprovalFacts facts, Directory directory) {
        return decide(policy, facts, directory, IdMatcher.CASE_INSENSITIVE, IdMatcher.CASE_INSENSITIVE);
    }

    /**
     * Decides whether {@code facts}' approval counts under {@code policy} (the environment's policy now).
     *
     * @param directory asked for the approver's groups and administrator status, only when needed
     */
    public static ApprovalDecision decide(
            ApprovalPolicy policy, ApprovalFacts facts, Directory directory, IdMatcher ids, IdMatcher groups) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(facts, "facts");
        String env = facts.environment();
        String who = facts.approver();
        if (who == null) {
            return new ApprovalDecision(
                    Rule.NO_APPROVER,
                    "the approval of " + env + " was given by nobody signed in"
                            + " (an anonymous user, or security is off); an approver must sign in and approve it");
        }
        if (policy.approvers().isEmpty()) {
            return new ApprovalDecision(
                    Rule.NO_APPROVERS,
                    env + " requires an approval but its policy names no"
                            + " approvers; an administrator must name approvers (user ids or groups) for " + env);
        }
        Rule admitted = admitted(policy, facts, directory, ids, groups);
        if (admitted == null) {
            return new ApprovalDecision(
                    Rule.NOT_AN_APPROVER,
                    who + " approved " + env + " but is none of its"
                            + " approvers under the current policy (" + String.join(", ", policy.approvers())
                            + "); one of them must approve it");
        }
        boolean starter = facts.starter() != null && ids.same(who, facts.starter());
        boolean author = ids.anyOf(who, facts.commitAuthors());
        if ((starter || author) && !policy.allowSelfApproval()) {
            String what = starter ? "started this build" : "wrote commits being approved";
            return new ApprovalDecision(
                    starter ? Rule.SELF_APPROVAL_BY_STARTER : Rule.SELF_APPROVAL_BY_AUTHOR,
                    who + " approved " + env + " but " + what + "; the policy of " + env + " does not allow"
                            + " self-approval: another of its approvers (" + String.join(", ", policy.approvers())
                            + ") must approve it");
        }
        if (starter || author) {
            return new ApprovalDecision(
                    Rule.SELF_APPROVAL_ALLOWED, who + " may approve " + env + ": the policy allows self-approval");
        }
        return new ApprovalDecision(admitted, who + " may approve " + env + ": " + how(admitted));
    }

    private static Rule admitted(
            ApprovalPolicy policy, ApprovalFacts facts, Directory directory, IdMatcher ids, IdMatcher groups) {
        String who = facts.approver();
        if (ids.anyOf(who, policy.approvers())) {
            return Rule.APPROVER;
        }
        if (facts.admittedUnder() != null && policy.sameApprovers(facts.admittedUnder(), ids)) {
            return Rule.ADMITTED_BY_INPUT;
        }
        for (String g : directory.groupsOf(who)) {
            if (groups.anyOf(g, policy.approvers())) {
                return Rule.GROUP;
            }
        }
        return directory.isAdministrator(who) ? Rule.ADMINISTRATOR : null;
    }

    private static String how(Rule rule) {
        return switch (rule) {
            case APPROVER -> "named among its approvers";
            case ADMITTED_BY_INPUT -> "admitted by the input under the same approvers";
            case GROUP -> "in a group named among its approvers";
            case ADMINISTRATOR -> "an administrator";
            default -> rule.name();
        };
    }
}
