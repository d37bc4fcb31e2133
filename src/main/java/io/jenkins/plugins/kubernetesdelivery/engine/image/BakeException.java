package io.jenkins.plugins.kubernetesdelivery.engine.image;

import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import java.util.ArrayList;
import java.util.List;

/**
 * A bake that did not produce an image. {@link #reason()} is one line (what failed, why, what to do);
 * {@link #details()} are {@code "last builder log lines:"} and those lines, indented, when there are any.
 */
public class BakeException extends DeliveryException {

    private static final long serialVersionUID = 1L;

    private final List<String> lastLogLines;

    public BakeException(String reason, List<String> lastLogLines) {
        this(reason, lastLogLines, null);
    }

    public BakeException(String reason, List<String> lastLogLines, Throwable cause) {
        super(reason, List.of(), details(lastLogLines), cause);
        this.lastLogLines = List.copyOf(lastLogLines);
    }

    private static List<String> details(List<String> lines) {
        if (lines.isEmpty()) {
            return List.of();
        }
        List<String> details = new ArrayList<>();
        details.add("last builder log lines:");
        lines.forEach(l -> details.add("  " + l));
        return details;
    }

    /** The builder's last log lines, as they were. */
    public List<String> lastLogLines() {
        return lastLogLines;
    }

    /**
     * The bake was stopped by its caller, with {@link Bake#cancel()} or an interrupt of the thread running it; its
     * pod and Secret were deleted.
     */
    public static final class Cancelled extends BakeException {
        private static final long serialVersionUID = 1L;

        public Cancelled(String reason) {
            super(reason, List.of());
        }

        public Cancelled(String reason, Throwable cause) {
            super(reason, List.of(), cause);
        }
    }
}
