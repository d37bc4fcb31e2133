package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The periodic reads behind the waits, in case a watch stops without telling. A timer thread only hands each read to
 * a small pool, so a read that hangs (up to the client's request timeout) holds one pool thread and delays no other
 * wait's reads. One wait never has two reads at once; a read that finds every pool thread busy is skipped until its
 * next period. Idle pool threads end after a while; all of them are daemons.
 */
final class Backstop {

    /** At most this many reads run at once, across every wait in the JVM. */
    static final int MAX_READS = 8;

    private static final ScheduledExecutorService TIMER =
            Executors.newSingleThreadScheduledExecutor(daemon("kubernetes-delivery wait timer"));

    private static final ThreadPoolExecutor READS = new ThreadPoolExecutor(
            0, MAX_READS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), daemon("kubernetes-delivery wait backstop"));

    private Backstop() {}

    /** Runs {@code read} every {@code period} (first after one period) on the pool, until the result is cancelled. */
    static Future<?> every(Duration period, Runnable read) {
        AtomicBoolean running = new AtomicBoolean();
        Runnable guarded = () -> {
            try {
                read.run();
            } finally {
                running.set(false);
            }
        };
        long millis = Math.max(1, period.toMillis());
        return TIMER.scheduleWithFixedDelay(
                () -> {
                    if (running.compareAndSet(false, true)) {
                        try {
                            READS.execute(guarded);
                        } catch (RejectedExecutionException e) {
                            // every reader busy: this wait reads at its next period
                            running.set(false);
                        }
                    }
                },
                millis,
                millis,
                TimeUnit.MILLISECONDS);
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + " " + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
