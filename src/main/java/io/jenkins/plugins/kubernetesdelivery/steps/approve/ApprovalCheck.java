package io.jenkins.plugins.kubernetesdelivery.steps.approve;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.Run;
import hudson.security.SecurityRealm;
import io.jenkins.plugins.kubernetesdelivery.Approval;
import io.jenkins.plugins.kubernetesdelivery.Target;
import io.jenkins.plugins.kubernetesdelivery.engine.approval.ApprovalDecision;
import io.jenkins.plugins.kubernetesdelivery.engine.approval.ApprovalFacts;
import io.jenkins.plugins.kubernetesdelivery.engine.approval.ApprovalPolicy;
import io.jenkins.plugins.kubernetesdelivery.engine.approval.ApprovalRules;
import io.jenkins.plugins.kubernetesdelivery.engine.approval.Directory;
import io.jenkins.plugins.kubernetesdelivery.engine.approval.IdMatcher;
import io.jenkins.plugins.kubernetesdelivery.steps.ApprovalGate;
import java.util.List;
import jenkins.model.Jenkins;

/**
 * The policy enforced again where an approval is consumed: a deploy to an environment whose policy is
 * {@code required} needs, in the same build, an {@code approveFor} of that environment that was approved by someone
 * the <em>current</em> policy allows and who is not approving their own change (unless the policy allows it). The last
 * {@code approveFor} of the environment in the build decides. Every refusal names the rule; nothing in the cluster
 * changes. Approvals never carry over to another build.
 */
public final class ApprovalCheck {

    private ApprovalCheck() {}

    /** The check as the {@link ApprovalGate} that {@code deployLabeled} asks (in place of its own fallback). */
    @Extension
    public static final class Gate implements ApprovalGate {

        @CheckForNull
        @Override
        public String approverFor(@NonNull Target target, @NonNull Run<?, ?> run) throws AbortException {
            return ApprovalCheck.approverFor(target, run);
        }
    }

    /**
     * The approver to record with a deploy to {@code target} in {@code run}: {@code null} when the target has no
     * approval policy (policy {@code none}, or direct use of a cluster).
     *
     * <p>In memory: the build's flow nodes and change sets, the security realm's id rules. Only when the approver is
     * not named by id and the approvers changed since the approval does it ask the security realm for the
     * approver's groups, which may reach a directory server.
     *
     * @throws AbortException naming the rule, when the build may not deploy to {@code target}
     */
    @CheckForNull
    public static String approverFor(@NonNull Target target, @NonNull Run<?, ?> run) throws AbortException {
        Approval approval = target.approval();
        if (approval == null) {
            return null;
        }
        SecurityRealm realm = Jenkins.get().getSecurityRealm();
        return approverFor(
                target.environmentName(),
                policyOf(approval),
                new RunApprovalGraph(run),
                JenkinsDirectory.INSTANCE,
                realm.getUserIdStrategy()::equals,
                realm.getGroupIdStrategy()::equals);
    }

    /**
     * {@link #approverFor(Target, Run)} over a build's approvals ({@code graph}), under {@code current}, the
     * environment's policy now.
     */
    @NonNull
    static String approverFor(
            String environment,
            ApprovalPolicy current,
            ApprovalGraph graph,
            Directory directory,
            IdMatcher ids,
            IdMatcher groups)
            throws AbortException {
        List<FoundApproval> found = graph.approvals(environment);
        if (found.isEmpty()) {
            throw new AbortException(Messages.ApprovalCheck_None(environment));
        }
        FoundApproval last = found.get(found.size() - 1);
        switch (last.state()) {
            case PENDING -> throw new AbortException(Messages.ApprovalCheck_Pending(environment));
            case ENDED -> throw new AbortException(Messages.ApprovalCheck_Ended(environment));
            default -> {}
        }
        ApprovalAction asked = last.action();
        String starter = asked.getStarter() != null ? asked.getStarter() : graph.starter();
        ApprovalFacts facts = new ApprovalFacts(
                environment,
                last.approver(),
                starter,
                BuildChanges.union(asked.getCommitAuthors(), graph.changeAuthors()),
                asked.policy());
        ApprovalDecision decision = ApprovalRules.decide(current, facts, directory, ids, groups);
        String approver = last.approver();
        if (!decision.allowed() || approver == null) { // no approver is refused as NO_APPROVER
            throw new AbortException(Messages.ApprovalCheck_Refused(
                    environment, decision.reason(), decision.rule().name()));
        }
        return approver;
    }

    /** The engine's view of a configured policy. */
    static ApprovalPolicy policyOf(Approval approval) {
        return new ApprovalPolicy(
                approval.getApproverList(), approval.isAllowSelfApproval(), approval.getTimeoutMinutes());
    }
}
