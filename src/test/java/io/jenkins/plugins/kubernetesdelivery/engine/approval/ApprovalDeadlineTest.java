package io.jenkins.plugins.kubernetesdelivery.engine.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The deadline of an approval: request time plus the policy's timeout; timed out from the deadline on. */
class ApprovalDeadlineTest {

    private static final Instant ASKED = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void theDeadlineIsTheTimeoutAfterTheRequest() {
        assertThat(ApprovalDeadline.of(ASKED, 60)).isEqualTo(Instant.parse("2026-12-01T11:00:00Z"));
        assertThat(ApprovalDeadline.of(ASKED, 1)).isEqualTo(Instant.parse("2026-12-01T10:01:00Z"));
        assertThat(ApprovalDeadline.of(ASKED, ApprovalDeadline.MAX_MINUTES))
                .isEqualTo(Instant.parse("2026-12-31T10:00:00Z"));
    }

    @Test
    void timedOutFromTheDeadlineOn() {
        Instant deadline = ApprovalDeadline.of(ASKED, 60);
        assertThat(ApprovalDeadline.passed(deadline, deadline.minusNanos(1))).isFalse();
        assertThat(ApprovalDeadline.passed(deadline, deadline)).isTrue();
        assertThat(ApprovalDeadline.passed(deadline, deadline.plusSeconds(1))).isTrue();
        assertThat(ApprovalDeadline.passed(deadline, ASKED)).isFalse();
    }

    @Test
    void aDeadlineThatPassedWhileTheControllerWasDownHasPassed() {
        Instant deadline = ApprovalDeadline.of(ASKED, 60);
        Instant startedAgain = ASKED.plus(Duration.ofDays(2));
        assertThat(ApprovalDeadline.passed(deadline, startedAgain)).isTrue();
        assertThat(ApprovalDeadline.remaining(deadline, startedAgain)).isZero();
    }

    @Test
    void remainingCountsDown() {
        Instant deadline = ApprovalDeadline.of(ASKED, 60);
        assertThat(ApprovalDeadline.remaining(deadline, ASKED.plusSeconds(600))).isEqualTo(Duration.ofMinutes(50));
        assertThat(ApprovalDeadline.remaining(deadline, deadline)).isZero();
    }

    @Test
    void timeoutsOutsideTheAllowedRangeAreRefused() {
        assertThatThrownBy(() -> ApprovalDeadline.of(ASKED, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an approval timeout must be 1 to 43200 minutes, not 0");
        assertThatThrownBy(() -> ApprovalDeadline.of(ASKED, -5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ApprovalDeadline.of(ASKED, ApprovalDeadline.MAX_MINUTES + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
