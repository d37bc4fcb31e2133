package io.jenkins.plugins.kubernetesdelivery.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.TaskListener;
import io.jenkins.plugins.kubernetesdelivery.engine.ProgressListener;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A step's console: prints every line as {@code <functionName>: <line>} to the build log, with every secret it was
 * given replaced by {@code ****}, and keeps the last line for {@code getStatus()}. It is the engine's
 * {@link ProgressListener}, so it also knows whether a Service switch is in flight.
 *
 * <p>Thread-safe: lines come from the step's worker and, at the same time, from fabric8 informer threads, the
 * engine's wait backstop and a bake's log reader. Each line is printed whole (the build log's stream is
 * synchronized); a line holding line breaks is printed as several prefixed lines.
 */
public final class StepConsole implements ProgressListener {

    /** What a secret becomes in lines and exception texts. */
    public static final String MASK = "****";

    private final String prefix;
    private final PrintStream out;
    private final List<String> secrets = new CopyOnWriteArrayList<>();
    private volatile String last;
    private volatile boolean switching;

    /**
     * @param functionName the step's name, e.g. {@code rollbackTo}
     * @param listener the build log of the step
     */
    public StepConsole(String functionName, TaskListener listener) {
        this.prefix = functionName + ": ";
        this.out = listener.getLogger();
    }

    /** From now on, {@code secret} is masked in lines and in {@link #mask} (blank values are ignored). */
    public void addSecret(@CheckForNull String secret) {
        if (secret != null && !secret.isBlank() && !secrets.contains(secret)) {
            secrets.add(secret);
        }
    }

    /** Prints {@code line} under the step's prefix, masked. */
    @Override
    public void line(String line) {
        String masked = mask(line == null ? "" : line);
        for (String part : masked.split("\\R", -1)) {
            out.println(prefix + part);
        }
        last = masked;
    }

    /** {@code text} with every secret replaced by {@link #MASK} (longest first, so no part of one is left). */
    public String mask(@CheckForNull String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        List<String> longestFirst = new ArrayList<>(secrets);
        longestFirst.sort(Comparator.comparingInt(String::length).reversed());
        String masked = text;
        for (String s : longestFirst) {
            masked = masked.replace(s, MASK);
        }
        return masked;
    }

    /** The last line printed (masked, without the prefix), or {@code null} before the first. */
    @CheckForNull
    public String lastLine() {
        return last;
    }

    @Override
    public void switchInFlight(boolean inFlight) {
        switching = inFlight;
    }

    /** Whether the engine is switching Services right now (see {@link ProgressListener#switchInFlight}). */
    public boolean isSwitchInFlight() {
        return switching;
    }
}
