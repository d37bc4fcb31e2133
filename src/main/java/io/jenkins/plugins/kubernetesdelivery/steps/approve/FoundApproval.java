package io.jenkins.plugins.kubernetesdelivery.steps.approve;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.Objects;
import org.jenkinsci.plugins.workflow.actions.ErrorAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.support.steps.input.InputSubmittedAction;

/**
 * One {@code approveFor} call of a build and where it stands, as its flow node tells: approved ({@code input}
 * recorded an {@code InputSubmittedAction}), ended without an approval (the node failed: rejected, timed out,
 * aborted), or still waiting.
 *
 * @param nodeId the flow node of the call
 * @param action what was asked for
 * @param state where it stands
 * @param approver who approved it (the {@code InputSubmittedAction}'s approver): {@code null} unless approved, and
 *     when nobody signed in did
 */
public record FoundApproval(
        String nodeId,
        ApprovalAction action,
        State state,
        @CheckForNull String approver) {

    /** Where an approval stands. */
    public enum State {
        APPROVED,
        PENDING,
        ENDED
    }

    public FoundApproval {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(state, "state");
    }

    /** The approval on {@code node}, or {@code null} when the node is not an {@code approveFor} call. */
    @CheckForNull
    public static FoundApproval of(FlowNode node) {
        ApprovalAction action = node.getPersistentAction(ApprovalAction.class);
        if (action == null) {
            return null;
        }
        InputSubmittedAction submitted = node.getPersistentAction(InputSubmittedAction.class);
        if (submitted != null) {
            return new FoundApproval(node.getId(), action, State.APPROVED, submitted.getApprover());
        }
        State state = node.getPersistentAction(ErrorAction.class) != null ? State.ENDED : State.PENDING;
        return new FoundApproval(node.getId(), action, state, null);
    }
}
