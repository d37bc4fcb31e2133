package jenkins.util;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Trivial body: a pool of ten daemon threads named like the real ones. Difference: the real pool runs every task as
 * {@code ACL.SYSTEM2} and logs uncaught exceptions; this one does neither.
 */
public class Timer {

    static ScheduledExecutorService executorService;

    @NonNull
    public static synchronized ScheduledExecutorService get() {
        if (executorService == null) {
            AtomicInteger count = new AtomicInteger();
            executorService = new ScheduledThreadPoolExecutor(10, r -> {
                Thread t = new Thread(r, "jenkins.util.Timer [#" + count.incrementAndGet() + "]");
                t.setDaemon(true);
                return t;
            });
        }
        return executorService;
    }

    private Timer() {}
}
