package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

import java.util.function.Supplier;

/**
 * Clean-up after an abort. A caller aborts a blocking engine call by interrupting its thread; with the interrupt flag
 * set, every fabric8 call fails at once, so the clean-up that needs the cluster (switching Services back, giving a
 * Lease back, deleting a builder pod) runs with the flag cleared, and the flag is set again afterwards for the
 * caller.
 */
public final class Interrupts {

    private Interrupts() {}

    /** Runs {@code cleanUp} with the interrupt flag cleared, then sets the flag again if it was set. */
    public static void runCleared(Runnable cleanUp) {
        supplyCleared(() -> {
            cleanUp.run();
            return null;
        });
    }

    /** Returns what {@code cleanUp} returns, run with the interrupt flag cleared; sets the flag again if it was set. */
    public static <T> T supplyCleared(Supplier<T> cleanUp) {
        boolean interrupted = Thread.interrupted();
        try {
            return cleanUp.get();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
