package io.jenkins.plugins.kubernetesdelivery.steps.approve;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.User;
import io.jenkins.plugins.kubernetesdelivery.engine.approval.ApprovalDecision;
import io.jenkins.plugins.kubernetesdelivery.engine.approval.ApprovalFacts;
import io.jenkins.plugins.kubernetesdelivery.engine.approval.ApprovalRules;
import io.jenkins.plugins.kubernetesdelivery.engine.approval.Directory;
import io.jenkins.plugins.kubernetesdelivery.engine.approval.PlainText;
import io.jenkins.plugins.kubernetesdelivery.steps.DeliveryRecord;
import io.jenkins.plugins.kubernetesdelivery.steps.DeliveryRunAction;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.CauseOfInterruption;
import org.jenkinsci.plugins.workflow.actions.ErrorAction;
import org.jenkinsci.plugins.workflow.flow.FlowExecutionOwner;
import org.jenkinsci.plugins.workflow.flow.GraphListener;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.support.steps.input.InputSubmittedAction;
import org.jenkinsci.plugins.workflow.support.steps.input.Rejection;

/**
 * Reports how each {@code approveFor} ended, once: "approveFor: Approved by carol for production (candidate web v9)",
 * "Rejected by dave …", "… was not approved within 60 minutes", in the build's console log and as a
 * {@link DeliveryRecord} on the build page. {@code input} itself completes the step, so the outcome is seen when the
 * build moves past the step's node: a new head whose parent is that node. An approval that {@code deployLabeled} will
 * refuse (self-approval) is said so at once. Runs on Pipeline's listener thread (not the CPS VM thread).
 */
@Extension
public final class ApprovalAudit implements GraphListener {

    private static final Logger LOGGER = Logger.getLogger(ApprovalAudit.class.getName());

    @Override
    public void onNewHead(FlowNode node) {
        for (FlowNode parent : node.getParents()) {
            ApprovalAction approval = parent.getPersistentAction(ApprovalAction.class);
            if (approval != null && approval.markAudited()) {
                try {
                    report(parent, approval);
                } catch (IOException | RuntimeException e) {
                    LOGGER.log(Level.WARNING, "cannot report the approval of " + approval.getEnvironment(), e);
                }
            }
        }
    }

    private static void report(FlowNode node, ApprovalAction approval) throws IOException {
        FlowExecutionOwner owner = node.getExecution().getOwner();
        Queue.Executable executable = owner.getExecutable();
        Run<?, ?> run = executable instanceof Run<?, ?> r ? r : null;
        InputSubmittedAction submitted = node.getPersistentAction(InputSubmittedAction.class);
        ErrorAction error = node.getPersistentAction(ErrorAction.class);
        Set<String> authors = run == null ? Set.of() : BuildChanges.authorsOf(run);
        Report report = submitted != null
                ? approved(approval, submitted.getApprover(), authors)
                : notApproved(approval, error == null ? null : error.getError());
        owner.getListener().getLogger().println(ApproveForStart.FUNCTION + ": " + report.line());
        node.save();
        if (run != null) {
            DeliveryRunAction.record(run, report.record());
        }
    }

    /** A line for the console and a record for the build page. */
    record Report(String line, DeliveryRecord record) {}

    /** An approval by {@code approver}, with a warning when {@code deployLabeled} will refuse it as self-approval. */
    static Report approved(ApprovalAction a, @CheckForNull String approver, Set<String> changeAuthors) {
        String who = approver == null ? Messages.ApprovalAudit_Anonymous() : PlainText.line(approver, 100);
        ApprovalDecision d = ApprovalRules.decide(
                a.policy(),
                new ApprovalFacts(
                        a.getEnvironment(),
                        approver,
                        a.getStarter(),
                        BuildChanges.union(a.getCommitAuthors(), changeAuthors),
                        a.policy()),
                Directory.NONE);
        String note = d.allowed() ? null : Messages.ApprovalAudit_WillRefuse(d.reason());
        String line = Messages.ApprovalAudit_Approved(who, a.getEnvironment(), a.candidateLabel())
                + (note == null ? "" : "; " + note);
        return new Report(
                line,
                DeliveryRecord.of(DeliveryRecord.Kind.APPROVAL, a.getEnvironment())
                        .environment(a.getEnvironment())
                        .release(a.candidateLabel())
                        .who(who)
                        .note(note)
                        .outcome(DeliveryRecord.Outcome.SUCCEEDED)
                        .build());
    }

    /** The step ended without an approval: rejected, timed out, or the build was aborted or failed meanwhile. */
    static Report notApproved(ApprovalAction a, @CheckForNull Throwable error) {
        String env = a.getEnvironment();
        String rejectedBy = null;
        ApprovalTimedOut timedOut = null;
        String why;
        if (error instanceof FlowInterruptedException fie) {
            List<String> causes = new ArrayList<>();
            for (CauseOfInterruption c : fie.getCauses()) {
                if (c instanceof Rejection r) {
                    User u = r.getUser();
                    rejectedBy = u == null ? Messages.ApprovalAudit_Anonymous() : PlainText.line(u.getId(), 100);
                } else {
                    timedOut = c instanceof ApprovalTimedOut t ? t : timedOut;
                    causes.add(PlainText.line(c.getShortDescription(), 200));
                }
            }
            why = causes.isEmpty() ? null : String.join(", ", causes);
        } else {
            why = error == null ? null : PlainText.line(String.valueOf(error.getMessage()), 200);
        }
        String line;
        if (rejectedBy != null) {
            line = Messages.ApprovalAudit_Rejected(rejectedBy, env, a.candidateLabel());
        } else if (timedOut != null) {
            line = Messages.ApprovalAudit_TimedOut(timedOut.getShortDescription(), a.candidateLabel());
        } else {
            line = Messages.ApprovalAudit_NotApproved(env, a.candidateLabel(), why == null ? "?" : why);
        }
        return new Report(
                line,
                DeliveryRecord.of(DeliveryRecord.Kind.APPROVAL, env)
                        .environment(env)
                        .release(a.candidateLabel())
                        .who(rejectedBy)
                        .note(rejectedBy == null ? why : null)
                        .outcome(DeliveryRecord.Outcome.FAILED)
                        .build());
    }
}
