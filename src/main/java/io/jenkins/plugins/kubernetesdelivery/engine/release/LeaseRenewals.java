package io.jenkins.plugins.kubernetesdelivery.engine.release;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The renewals of every Lease this process holds: one timer thread for all of them, and up to {@link #WORKER_THREADS}
 * worker threads while renewals run (each a compare-and-set of a few ms; idle workers end after a minute). A thread
 * of its own per Lease was one more thread per waiting deploy. The price: while that many renewals wait for API
 * servers that do not answer (each up to the client's request timeout and retries), the next renewal waits its turn;
 * a Lease is renewed every 20 s and lasts 60 s, and every operation renews before a switch when its last renewal is
 * older than 40 s.
 */
final class LeaseRenewals {

    private static final ScheduledThreadPoolExecutor TIMERS = timers();
    /** Renewals running at once, at most; more wait their turn. */
    static final int WORKER_THREADS = 8;

    private static final ExecutorService WORKERS = workers();

    private LeaseRenewals() {}

    private static ExecutorService workers() {
        ThreadPoolExecutor w = new ThreadPoolExecutor(
                WORKER_THREADS,
                WORKER_THREADS,
                60,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                daemon("kubernetes-delivery lease renewal "));
        w.allowCoreThreadTimeOut(true);
        return w;
    }

    private static ScheduledThreadPoolExecutor timers() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, daemon("kubernetes-delivery lease timer "));
        t.setRemoveOnCancelPolicy(true);
        t.setKeepAliveTime(60, TimeUnit.SECONDS);
        t.allowCoreThreadTimeOut(true);
        return t;
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * The renewals of one Lease: {@code renewal} renews once and answers the seconds until the next, or a negative
     * number to stop.
     */
    static Renewals start(LongSupplier renewal, long firstAfterSeconds) {
        Renewals r = new Renewals(renewal);
        r.schedule(firstAfterSeconds);
        return r;
    }

    static final class Renewals {
        private final LongSupplier renewal;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition idle = lock.newCondition();
        private boolean stopped;
        private ScheduledFuture<?> next;
        private Thread running;

        private Renewals(LongSupplier renewal) {
            this.renewal = renewal;
        }

        private void schedule(long seconds) {
            lock.lock();
            try {
                if (!stopped) {
                    next = TIMERS.schedule(() -> WORKERS.execute(this::run), seconds, TimeUnit.SECONDS);
                }
            } finally {
                lock.unlock();
            }
        }

        private void run() {
            lock.lock();
            try {
                if (stopped) {
                    return;
                }
                running = Thread.currentThread();
            } finally {
                lock.unlock();
            }
            long after = -1;
            try {
                after = renewal.getAsLong();
            } finally {
                lock.lock();
                try {
                    running = null;
                    Thread.interrupted(); // an interrupt from stop() is for this renewal only, not the worker's next
                    idle.signalAll();
                } finally {
                    lock.unlock();
                }
                if (after >= 0) {
                    schedule(after);
                }
            }
        }

        /**
         * No renewal starts after this; one running is interrupted and waited for (at most 10 s), so that the Lease
         * is given back after the last renewal's write, not beside it.
         */
        void stop() throws InterruptedException {
            lock.lock();
            try {
                stopped = true;
                if (next != null) {
                    next.cancel(false);
                }
                if (running != null) {
                    running.interrupt();
                }
                long left = TimeUnit.SECONDS.toNanos(10);
                while (running != null && left > 0) {
                    left = idle.awaitNanos(left);
                }
            } finally {
                lock.unlock();
            }
        }

        /** Whether a renewal is scheduled or running: for tests. */
        boolean active() {
            lock.lock();
            try {
                return !stopped && (running != null || (next != null && !next.isDone()));
            } finally {
                lock.unlock();
            }
        }
    }
}
