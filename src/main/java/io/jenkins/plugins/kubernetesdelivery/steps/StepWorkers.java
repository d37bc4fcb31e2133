package io.jenkins.plugins.kubernetesdelivery.steps;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads delivery steps work on: one shared cached pool of daemon threads named
 * {@code kubernetes-delivery step #<n>} (a running task renames its thread after its step while it runs). Threads
 * carry the plugin's class loader as context class loader.
 *
 * <p>Never shut down, in particular not when Jenkins stops: the engine reads an interrupt as an abort and would
 * record a failure for an operation that the step should resume after the restart. Daemon threads do not keep the
 * JVM alive.
 */
public final class StepWorkers {

    private static final AtomicInteger COUNT = new AtomicInteger();

    private static final ThreadFactory THREADS = task -> {
        Thread t = new Thread(task, "kubernetes-delivery step #" + COUNT.incrementAndGet());
        t.setDaemon(true);
        t.setContextClassLoader(StepWorkers.class.getClassLoader());
        return t;
    };

    private static final ExecutorService POOL = Executors.newCachedThreadPool(THREADS);

    private StepWorkers() {}

    /** Runs {@code task} on a pool thread named {@code name} while it runs. */
    public static void execute(String name, Runnable task) {
        POOL.execute(() -> {
            Thread t = Thread.currentThread();
            String before = t.getName();
            t.setName(name);
            try {
                task.run();
            } finally {
                t.setName(before);
            }
        });
    }
}
