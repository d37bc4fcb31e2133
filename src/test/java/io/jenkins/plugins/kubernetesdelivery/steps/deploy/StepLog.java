package io.jenkins.plugins.kubernetesdelivery.steps.deploy;

import hudson.model.TaskListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A build log for offline step tests: keeps what was printed, and can play a controller that dies: once a line
 * containing {@link #crashAt} is printed by the step's worker thread, the print throws {@link Crash} (an Error, so no
 * failure handling of the engine runs, as when the process goes away).
 */
final class StepLog implements TaskListener {

    private static final long serialVersionUID = 1L;

    /** Stands for the controller going away. */
    static final class Crash extends Error {
        private static final long serialVersionUID = 1L;

        Crash() {
            super("simulated controller restart");
        }
    }

    private final transient ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final transient PrintStream out;
    private volatile String crashAt;

    StepLog() {
        PrintStream sink = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        out = new PrintStream(sink, true, StandardCharsets.UTF_8) {
            @Override
            public void println(String x) {
                sink.println(x);
                String at = crashAt;
                if (at != null
                        && x != null
                        && x.contains(at)
                        && Thread.currentThread().getName().startsWith("kubernetes-delivery deployLabeled")) {
                    throw new Crash();
                }
            }
        };
    }

    /** From now on, the worker dies right after printing a line that contains {@code fragment}. */
    StepLog crashAt(String fragment) {
        crashAt = fragment;
        return this;
    }

    @Override
    public PrintStream getLogger() {
        return out;
    }

    String text() {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /** Waits until the log holds {@code fragment} (at most {@code timeout}); fails naming what it holds. */
    void await(String fragment, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!text().contains(fragment)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no line with '" + fragment + "' within " + timeout + "; the log:\n" + text());
            }
            Thread.sleep(50);
        }
    }
}
