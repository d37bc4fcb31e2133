package io.jenkins.plugins.kubernetesdelivery.steps.approve;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubernetesdelivery.engine.approval.ApprovalPolicy;
import io.jenkins.plugins.kubernetesdelivery.steps.approve.TimeoutSelection.Pending;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which waiting inputs the periodic check aborts. */
class TimeoutSelectionTest {

    private static final Instant DEADLINE = ApproveForStepTest.NOW.plus(Duration.ofMinutes(60));

    @Test
    void onlyUnsettledApprovalsPastTheirDeadline() {
        ApprovalAction approval = ApprovalCheckTest.action("production");
        Pending<String> waiting = new Pending<>("waiting", approval, false);
        Pending<String> answered = new Pending<>("answered", approval, true);
        Pending<String> plainInput = new Pending<>("plain input", null, false);
        List<Pending<String>> all = List.of(waiting, answered, plainInput);

        assertThat(TimeoutSelection.expired(all, DEADLINE.minusSeconds(1))).isEmpty();
        assertThat(TimeoutSelection.expired(all, DEADLINE)).containsExactly(waiting);
        assertThat(TimeoutSelection.expired(all, DEADLINE.plus(Duration.ofDays(3))))
                .as("a deadline that passed while the controller was down")
                .containsExactly(waiting);
    }

    @Test
    void eachApprovalHasItsOwnDeadline() {
        ApprovalAction early = ApprovalCheckTest.action("staging");
        ApprovalAction late = new ApprovalAction(
                "production",
                new ApprovalPolicy(List.of("carol"), false, 120),
                ApproveForStepTest.NOW,
                ApproveForStepTest.NOW.plus(Duration.ofMinutes(120)),
                null,
                early.candidate());
        List<Pending<String>> all = List.of(new Pending<>("early", early, false), new Pending<>("late", late, false));

        assertThat(TimeoutSelection.expired(all, DEADLINE.plusSeconds(30)))
                .extracting(Pending::execution)
                .containsExactly("early");
        assertThat(TimeoutSelection.expired(all, ApproveForStepTest.NOW.plus(Duration.ofMinutes(120))))
                .extracting(Pending::execution)
                .containsExactly("early", "late");
    }

    @Test
    void theCauseSaysHowLongItWaited() {
        assertThat(new ApprovalTimedOut("production", 60).getShortDescription())
                .isEqualTo("production was not approved within 60 minutes");
    }
}
