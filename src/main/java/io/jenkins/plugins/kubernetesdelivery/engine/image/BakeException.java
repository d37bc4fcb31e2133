package io.jenkins.plugins.kubernetesdelivery.engine.image;

import java.util.List;

/**
 * A bake that did not produce an image. {@link #reason()} is one line (what failed, why, what to do); the message
 * adds the builder's last log lines when there are any.
 */
public class BakeException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String reason;
    private final List<String> lastLogLines;

    public BakeException(String reason, List<String> lastLogLines) {
        this(reason, lastLogLines, null);
    }

    public BakeException(String reason, List<String> lastLogLines, Throwable cause) {
        super(message(reason, lastLogLines), cause);
        this.reason = reason;
        this.lastLogLines = List.copyOf(lastLogLines);
    }

    private static String message(String reason, List<String> lines) {
        if (lines.isEmpty()) {
            return reason;
        }
        return reason + "\nlast builder log lines:\n  " + String.join("\n  ", lines);
    }

    public String reason() {
        return reason;
    }

    public List<String> lastLogLines() {
        return lastLogLines;
    }

    /** The bake was cancelled (the build was aborted); its pod and Secret were deleted. */
    public static final class Cancelled extends BakeException {
        private static final long serialVersionUID = 1L;

        public Cancelled(String reason) {
            super(reason, List.of());
        }
    }
}
