package io.jenkins.plugins.kubernetesdelivery.steps.approve;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.kubernetesdelivery.engine.approval.ApprovalPolicy;
import io.jenkins.plugins.kubernetesdelivery.engine.approval.Candidate;
import io.jenkins.plugins.kubernetesdelivery.engine.approval.PlainText;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The message of the {@code input} that approvers answer, built on the CPS VM thread from what is in memory: the
 * question (the Jenkinsfile's {@code message}, or a default), the candidate, the approvers, the self-approval rule
 * and the deadline. What needs the cluster (the live release, the commits since, a schema change) is printed to the
 * step's console log by the preview worker, which the message points to. Plain text; the views escape it.
 */
final class ApprovalMessage {

    static final int MAX_USER_MESSAGE = 500;
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private ApprovalMessage() {}

    static String render(
            String environment,
            @CheckForNull String userMessage,
            Candidate candidate,
            ApprovalPolicy policy,
            @CheckForNull String starter,
            Instant deadline) {
        List<String> lines = new ArrayList<>();
        String question = PlainText.line(userMessage, MAX_USER_MESSAGE);
        String what = candidate.app() == null ? Messages.ApprovalMessage_TheChanges() : candidate.app();
        lines.add(
                question == null || question.isEmpty()
                        ? Messages.ApprovalMessage_Question(what, environment)
                        : question);
        lines.add(Messages.ApprovalMessage_Candidate(describe(candidate)));
        lines.add(Messages.ApprovalMessage_Approvers(String.join(", ", policy.approvers())));
        if (policy.allowSelfApproval()) {
            lines.add(Messages.ApprovalMessage_SelfAllowed(environment));
        } else if (starter != null) {
            lines.add(Messages.ApprovalMessage_NoSelfApproval(PlainText.line(starter, 100)));
        } else {
            lines.add(Messages.ApprovalMessage_NoAuthorApproval());
        }
        lines.add(Messages.ApprovalMessage_Deadline(WHEN.format(deadline), String.valueOf(policy.timeoutMinutes())));
        lines.add(
                candidate.app() == null
                        ? Messages.ApprovalMessage_NameTheApp(environment)
                        : Messages.ApprovalMessage_SeeConsole(environment));
        return String.join("\n", lines);
    }

    /** {@code web at commit c0ffee1 (deployed by this build as v5 in staging); images a, b}. */
    static String describe(Candidate c) {
        StringBuilder b = new StringBuilder(c.app() == null ? Messages.ApprovalMessage_TheChanges() : c.app());
        if (c.commit() != null) {
            b.append(' ').append(Messages.ApprovalMessage_AtCommit(PlainText.shortId(c.commit(), 12)));
        }
        if (c.stagedAs() != null) {
            b.append(" (")
                    .append(Messages.ApprovalMessage_StagedAs(c.stagedAs()))
                    .append(')');
        }
        if (!c.images().isEmpty()) {
            b.append("; ").append(Messages.ApprovalMessage_Images(String.join(", ", c.images())));
        }
        if (c.schemaVersion() != null) {
            b.append("; ").append(Messages.ApprovalMessage_Schema(c.schemaVersion()));
        }
        return b.toString();
    }
}
