package io.jenkins.plugins.kubernetesdelivery.steps.approve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import io.jenkins.plugins.kubernetesdelivery.Approval;
import io.jenkins.plugins.kubernetesdelivery.Environment;
import io.jenkins.plugins.kubernetesdelivery.KubernetesCluster;
import io.jenkins.plugins.kubernetesdelivery.Target;
import io.jenkins.plugins.kubernetesdelivery.engine.approval.ApprovalPolicy;
import io.jenkins.plugins.kubernetesdelivery.engine.approval.Candidate;
import io.jenkins.plugins.kubernetesdelivery.engine.approval.Directory;
import io.jenkins.plugins.kubernetesdelivery.engine.approval.IdMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.support.steps.input.InputSubmittedAction;
import org.junit.jupiter.api.Test;

/**
 * The policy enforced again at deploy time, over a fake run graph: flow nodes carrying {@link ApprovalAction} (what
 * {@code approveFor} asked) and {@code InputSubmittedAction} (who answered), as Pipeline leaves them.
 */
class ApprovalCheckTest {

    private static final ApprovalPolicy MANAGERS = new ApprovalPolicy(List.of("release-managers", "carol"), false, 60);

    private final FakeGraph graph = new FakeGraph();

    @Test
    void anApprovalByAnApproverCountsAndNamesTheApprover() throws AbortException {
        graph.approved("7", "carol");

        assertThat(check(MANAGERS)).isEqualTo("carol");
    }

    @Test
    void withoutAnApprovalInThisBuildTheDeployIsRefused() {
        graph.approvedElsewhere("production-eu");

        assertThatThrownBy(() -> check(MANAGERS))
                .isInstanceOf(AbortException.class)
                .hasMessage("Environment 'production' requires an approval (approval policy \"required\"), and this"
                        + " build has none: call approveFor('production') before deploying there. Nothing was"
                        + " changed.");
    }

    @Test
    void aWaitingApprovalDoesNotCount() {
        graph.approved("7", "carol");
        graph.pending("9");

        assertThatThrownBy(() -> check(MANAGERS))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("is still waiting for an answer: deploy after it returns");
    }

    @Test
    void anApprovalThatEndedWithoutAnswerDoesNotCountEvenAfterAnEarlierOne() {
        graph.approved("7", "carol");
        graph.found.add(new FoundApproval("9", action("production"), FoundApproval.State.ENDED, null));

        assertThatThrownBy(() -> check(MANAGERS))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("ended without one (rejected, timed out or aborted): run the build again");
    }

    @Test
    void theBuildsStarterMayNotApproveIt() {
        graph.starter = "carol";
        graph.approved("7", "carol");

        assertThatThrownBy(() -> check(MANAGERS))
                .isInstanceOf(AbortException.class)
                .hasMessage("Environment 'production' requires a valid approval, and the approval in this build does"
                        + " not count: carol approved production but started this build; the policy of production"
                        + " does not allow self-approval: another of its approvers (release-managers, carol) must"
                        + " approve it (rule SELF_APPROVAL_BY_STARTER). Nothing was changed.");
    }

    @Test
    void anAuthorOfTheBuildsCommitsOrOfTheCommitsSinceTheLiveReleaseMayNotApproveIt() {
        graph.approved("7", "carol");
        graph.changeAuthors.add("carol");
        assertThatThrownBy(() -> check(MANAGERS)).hasMessageContaining("rule SELF_APPROVAL_BY_AUTHOR");

        FakeGraph earlier = new FakeGraph();
        FoundApproval f = earlier.approved("7", "carol");
        f.action().preview("v8", "v9", Set.of("erin", "carol"));
        assertThatThrownBy(() -> ApprovalCheck.approverFor(
                        "production",
                        MANAGERS,
                        earlier,
                        Directory.NONE,
                        IdMatcher.CASE_INSENSITIVE,
                        IdMatcher.CASE_INSENSITIVE))
                .hasMessageContaining("carol approved production but wrote commits being approved");
    }

    @Test
    void selfApprovalCountsWhenThePolicyAllowsIt() throws AbortException {
        graph.starter = "carol";
        graph.approved("7", "carol");

        assertThat(check(new ApprovalPolicy(MANAGERS.approvers(), true, 60))).isEqualTo("carol");
    }

    @Test
    void theCurrentPolicyDecidesNotTheOneOfTheApproval() {
        graph.approved("7", "carol");

        assertThatThrownBy(() -> check(new ApprovalPolicy(List.of("release-managers"), false, 60)))
                .hasMessageContaining("carol approved production but is none of its approvers under the current"
                        + " policy (release-managers)")
                .hasMessageContaining("rule NOT_AN_APPROVER");
    }

    @Test
    void aGroupMemberAdmittedByTheInputCountsWhileTheApproversAreTheSame() throws AbortException {
        graph.approved("7", "dave");

        assertThat(check(MANAGERS))
                .as("input admitted dave (as a release manager) under these approvers")
                .isEqualTo("dave");
    }

    @Test
    void anAnonymousApprovalDoesNotCount() {
        graph.approved("7", null);

        assertThatThrownBy(() -> check(MANAGERS)).hasMessageContaining("rule NO_APPROVER");
    }

    @Test
    void policyNoneNeedsNoApproval() throws AbortException {
        Environment staging = new Environment("staging", "prod");
        assertThat(ApprovalCheck.approverFor(new Target(new KubernetesCluster("prod"), "shop", staging), null))
                .isNull();
        assertThat(ApprovalCheck.approverFor(new Target(new KubernetesCluster("prod"), "shop", null), null))
                .as("direct use of a cluster")
                .isNull();
    }

    @Test
    void theConfiguredPolicyIsTheEnginesPolicy() {
        Approval approval = new Approval("carol,  release-managers ,");
        approval.setAllowSelfApproval(true);
        approval.setTimeoutMinutes(30);

        assertThat(ApprovalCheck.policyOf(approval))
                .isEqualTo(new ApprovalPolicy(List.of("carol", "release-managers"), true, 30));
    }

    private String check(ApprovalPolicy current) throws AbortException {
        return ApprovalCheck.approverFor(
                "production", current, graph, Directory.NONE, IdMatcher.CASE_INSENSITIVE, IdMatcher.CASE_INSENSITIVE);
    }

    static ApprovalAction action(String environment) {
        return new ApprovalAction(
                environment,
                MANAGERS,
                ApproveForStepTest.NOW,
                ApproveForStepTest.NOW.plus(Duration.ofMinutes(60)),
                null,
                new Candidate("web", null, List.of(), null, null));
    }

    /** A build's approvals as flow nodes; started by bob unless said otherwise. */
    static final class FakeGraph implements ApprovalGraph {
        final List<FoundApproval> found = new ArrayList<>();
        final Set<String> changeAuthors = new LinkedHashSet<>();
        String starter = "bob";

        /** A node of {@code approveFor('production')} answered by {@code approver}. */
        FoundApproval approved(String id, String approver) {
            FlowNode node = FakeApproveServices.node(id);
            node.addAction(action("production"));
            node.addAction(new InputSubmittedAction(approver, approver == null ? null : Map.of("approver", approver)));
            FoundApproval f = FoundApproval.of(node);
            assertThat(f.state()).isEqualTo(FoundApproval.State.APPROVED);
            found.add(f);
            return f;
        }

        void pending(String id) {
            FlowNode node = FakeApproveServices.node(id);
            node.addAction(action("production"));
            FoundApproval f = FoundApproval.of(node);
            assertThat(f.state()).isEqualTo(FoundApproval.State.PENDING);
            found.add(f);
        }

        void approvedElsewhere(String environment) {
            FlowNode node = FakeApproveServices.node("3");
            node.addAction(action(environment));
            node.addAction(new InputSubmittedAction("carol", null));
            found.add(FoundApproval.of(node));
        }

        @Override
        public List<FoundApproval> approvals(String environment) {
            return found.stream()
                    .filter(f -> f.action().getEnvironment().equals(environment))
                    .toList();
        }

        @Override
        public String starter() {
            return starter;
        }

        @Override
        public Set<String> changeAuthors() {
            return changeAuthors;
        }
    }
}
