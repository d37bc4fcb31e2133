package io.jenkins.plugins.kubernetesdelivery.cli;

import io.jenkins.plugins.kubernetesdelivery.engine.ProgressListener;
import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The engine's progress lines on stderr, one per line. When stderr is a terminal, a spinner line under them shows
 * that the command is still working and for how long; it is erased before every line and at the end, so what stays
 * on the screen (and what a pipe or file gets) is the lines alone. {@code --quiet} drops them. Thread-safe: lines
 * come from the engine's informer and log threads too.
 */
final class Progress implements ProgressListener, AutoCloseable {

    private static final String FRAMES = "|/-\\";
    private static final String ERASE = "\r\033[K";

    private final PrintStream err;
    private final boolean quiet;
    private final boolean spinner;
    private final long start = System.nanoTime();
    private ScheduledExecutorService ticker;
    private String status = "";
    private int frame;
    private boolean drawn;

    Progress(CliContext ctx, boolean quiet) {
        this.err = ctx.err();
        this.quiet = quiet;
        this.spinner = !quiet && ctx.stderrTerminal() && !"dumb".equals(ctx.getenv("TERM"));
    }

    @Override
    public synchronized void line(String line) {
        if (quiet) {
            return;
        }
        erase();
        err.println(line);
        status = line.length() > 60 ? line.substring(0, 57) + "..." : line;
        if (spinner) {
            startTicker();
            draw();
        }
        err.flush();
    }

    private void startTicker() {
        if (ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "kubectl-delivery spinner");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::tick, 100, 100, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void tick() {
        if (ticker != null) {
            erase();
            draw();
            err.flush();
        }
    }

    private void draw() {
        long tenths = (System.nanoTime() - start) / 100_000_000;
        err.print(FRAMES.charAt(frame++ % FRAMES.length()) + " " + tenths / 10 + "." + tenths % 10 + "s " + status);
        drawn = true;
    }

    private void erase() {
        if (drawn) {
            err.print(ERASE);
            drawn = false;
        }
    }

    /** Stops the spinner and erases it. */
    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
        erase();
        err.flush();
    }
}
