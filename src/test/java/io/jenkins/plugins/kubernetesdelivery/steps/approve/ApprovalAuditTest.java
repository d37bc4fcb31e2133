package io.jenkins.plugins.kubernetesdelivery.steps.approve;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.AbortException;
import hudson.model.Result;
import io.jenkins.plugins.kubernetesdelivery.engine.approval.ApprovalPolicy;
import io.jenkins.plugins.kubernetesdelivery.engine.approval.Candidate;
import io.jenkins.plugins.kubernetesdelivery.steps.DeliveryRecord;
import io.jenkins.plugins.kubernetesdelivery.steps.DeliveryRunAction;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import jenkins.model.CauseOfInterruption;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.junit.jupiter.api.Test;

/** The audit of each approveFor: one console line and one record on the build page, whatever the outcome. */
class ApprovalAuditTest {

    private final DeliveryRunAction page = new DeliveryRunAction();

    @Test
    void anApprovalNamesTheApproverTheEnvironmentAndTheCandidate() {
        ApprovalAction a = action("alice");
        a.preview("v8", "v9", Set.of("erin"));

        ApprovalAudit.Report r = ApprovalAudit.approved(a, "carol", Set.of());

        assertThat(r.line()).isEqualTo("Approved by carol for production (candidate web v9)");
        assertThat(r.record().getKind()).isEqualTo(DeliveryRecord.Kind.APPROVAL);
        assertThat(r.record().getOutcome()).isEqualTo(DeliveryRecord.Outcome.SUCCEEDED);
        assertThat(page.line(r.record())).isEqualTo("Approved by carol for production (candidate web v9)");
    }

    @Test
    void aSelfApprovalIsRecordedWithTheWarningThatTheDeployWillRefuseIt() {
        ApprovalAction byStarter = action("carol");
        ApprovalAudit.Report starter = ApprovalAudit.approved(byStarter, "carol", Set.of());
        assertThat(starter.line())
                .startsWith("Approved by carol for production (candidate web at c0ffee000000);"
                        + " warning: deployLabeled will refuse this approval: carol approved production but started this"
                        + " build");

        ApprovalAudit.Report author = ApprovalAudit.approved(action("alice"), "carol", Set.of("carol"));
        assertThat(author.line())
                .contains("warning: deployLabeled will refuse this approval: carol approved"
                        + " production but wrote commits being approved");
        assertThat(page.line(author.record()))
                .startsWith("Approved by carol for production (candidate web at"
                        + " c0ffee000000): warning: deployLabeled will refuse");
    }

    @Test
    void aTimeoutSaysHowLongItWaited() {
        ApprovalAudit.Report r = ApprovalAudit.notApproved(
                action("alice"),
                new FlowInterruptedException(Result.ABORTED, true, new ApprovalTimedOut("production", 60)));

        assertThat(r.line())
                .isEqualTo("production was not approved within 60 minutes (candidate web at c0ffee000000);"
                        + " the build is aborted");
        assertThat(r.record().getOutcome()).isEqualTo(DeliveryRecord.Outcome.FAILED);
        assertThat(page.line(r.record()))
                .isEqualTo("Not approved for production (candidate web at c0ffee000000):"
                        + " production was not approved within 60 minutes");
    }

    @Test
    void anAbortedBuildOrAFailureIsNotAnApproval() {
        CauseOfInterruption byUser = new CauseOfInterruption() {
            private static final long serialVersionUID = 1L;

            @Override
            public String getShortDescription() {
                return "Aborted by <b>root</b>";
            }
        };
        ApprovalAudit.Report aborted =
                ApprovalAudit.notApproved(action("alice"), new FlowInterruptedException(Result.ABORTED, true, byUser));
        assertThat(aborted.line())
                .isEqualTo("production was not approved (candidate web at c0ffee000000): Aborted" + " by <b>root</b>");
        assertThat(aborted.record().getWho()).isNull();

        ApprovalAudit.Report failed = ApprovalAudit.notApproved(action("alice"), new AbortException("boom\nline"));
        assertThat(failed.line()).endsWith(": boom line");
    }

    private static ApprovalAction action(String starter) {
        return new ApprovalAction(
                "production",
                new ApprovalPolicy(List.of("release-managers", "carol"), false, 60),
                ApproveForStepTest.NOW,
                ApproveForStepTest.NOW.plus(Duration.ofMinutes(60)),
                starter,
                new Candidate("web", "c0ffee0000000000000000000000000000000012", List.of(), null, null));
    }
}
