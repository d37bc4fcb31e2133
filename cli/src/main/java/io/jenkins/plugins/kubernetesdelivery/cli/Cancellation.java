package io.jenkins.plugins.kubernetesdelivery.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (or a SIGTERM) during a deploy, rollback or bake aborts it the way a step abort does: the JVM's shutdown
 * hook runs {@code onCancel} (a bake deletes its pod at once), interrupts the thread running the engine, and waits
 * up to a minute for the engine's clean-up (switch back, scale to 0, record the failure, give the Lease back).
 */
final class Cancellation implements AutoCloseable {

    private static final long CLEANUP_SECONDS = 60;

    private final Thread hook;
    private final CountDownLatch done = new CountDownLatch(1);

    private Cancellation(Thread worker, Runnable onCancel) {
        this.hook = new Thread(() -> {
            onCancel.run();
            worker.interrupt();
            try {
                done.await(CLEANUP_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "kubectl-delivery cancel");
    }

    /** Until {@link #close()}, a shutdown of the JVM cancels the work of the calling thread. */
    static Cancellation onShutdown(Runnable onCancel) {
        Cancellation c = new Cancellation(Thread.currentThread(), onCancel);
        Runtime.getRuntime().addShutdownHook(c.hook);
        return c;
    }

    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running and now sees that the work is done
        }
    }
}
