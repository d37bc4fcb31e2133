package io.jenkins.plugins.kubernetesdelivery.engine.image;

import java.time.Duration;

/**
 * How the engine watches a bake.
 *
 * @param resync how often the pod is read again when no watch event arrives (a dropped watch cannot stall a bake)
 * @param unschedulableGrace how long a builder pod may stay unschedulable before the bake fails
 * @param deadlineMargin how long past the pod's {@code activeDeadlineSeconds} the engine itself gives up (for a
 *     kubelet that never reports the deadline)
 * @param maxContextBytes the largest context tar that is sent
 * @param logLinesKept how many last builder log lines a failure quotes
 */
public record BakeSettings(
        Duration resync, Duration unschedulableGrace, Duration deadlineMargin, long maxContextBytes, int logLinesKept) {

    public static final BakeSettings DEFAULTS =
            new BakeSettings(Duration.ofSeconds(10), Duration.ofMinutes(2), Duration.ofMinutes(2), 2L << 30, 20);

    public BakeSettings withUnschedulableGrace(Duration d) {
        return new BakeSettings(resync, d, deadlineMargin, maxContextBytes, logLinesKept);
    }

    public BakeSettings withDeadlineMargin(Duration d) {
        return new BakeSettings(resync, unschedulableGrace, d, maxContextBytes, logLinesKept);
    }

    public BakeSettings withMaxContextBytes(long max) {
        return new BakeSettings(resync, unschedulableGrace, deadlineMargin, max, logLinesKept);
    }

    public BakeSettings withResync(Duration d) {
        return new BakeSettings(d, unschedulableGrace, deadlineMargin, maxContextBytes, logLinesKept);
    }
}
