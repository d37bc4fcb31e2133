package io.jenkins.plugins.kubernetesdelivery.engine.approval;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a pending approval times out: {@code timeoutMinutes} after it was requested. At the deadline itself it has
 * timed out. The deadline is absolute, so it holds across controller restarts (a deadline that passed while the
 * controller was down is found past at the first check after the start).
 */
public final class ApprovalDeadline {

    public static final int MIN_MINUTES = 1;
    /** 30 days, as the configuration allows. */
    public static final int MAX_MINUTES = 30 * 24 * 60;

    private ApprovalDeadline() {}

    /**
     * The deadline of an approval requested at {@code requestedAt} under a timeout of {@code timeoutMinutes}.
     *
     * @throws IllegalArgumentException when the timeout is outside {@value #MIN_MINUTES} to {@value #MAX_MINUTES}
     */
    public static Instant of(Instant requestedAt, int timeoutMinutes) {
        Objects.requireNonNull(requestedAt, "requestedAt");
        if (timeoutMinutes < MIN_MINUTES || timeoutMinutes > MAX_MINUTES) {
            throw new IllegalArgumentException("an approval timeout must be " + MIN_MINUTES + " to " + MAX_MINUTES
                    + " minutes, not " + timeoutMinutes);
        }
        return requestedAt.plus(Duration.ofMinutes(timeoutMinutes));
    }

    /** Whether an approval with {@code deadline} has timed out at {@code now} (true from the deadline on). */
    public static boolean passed(Instant deadline, Instant now) {
        return !now.isBefore(deadline);
    }

    /** How long is left until {@code deadline} at {@code now}; zero once it passed. */
    public static Duration remaining(Instant deadline, Instant now) {
        return passed(deadline, now) ? Duration.ZERO : Duration.between(now, deadline);
    }
}
