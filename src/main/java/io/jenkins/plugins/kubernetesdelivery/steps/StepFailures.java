package io.jenkins.plugins.kubernetesdelivery.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The one place that turns what a step's work threw into what the build reports.
 *
 * <ul>
 *   <li>An anticipated failure ({@link DeliveryException} of the engine, {@link AbortException} of the step layer)
 *       becomes an {@link AbortException}: Pipeline prints its message without a stack trace. For an engine failure
 *       that is its one-line reason, then its problems as {@code "  - …"} lines, then its details.</li>
 *   <li>Anything else is a bug or a broken port: it propagates as it is, with its cause and stack trace.</li>
 *   <li>Every text is masked first: no secret the step's console knows survives in a message. An unexpected
 *       exception whose texts (its own or its causes') hold one is replaced by an {@link IllegalStateException}
 *       with the masked text and the same stack trace, and without the causes.</li>
 * </ul>
 *
 * A step that was stopped does not report these: it fails with the stop cause (see {@link DeliveryStepExecution}).
 */
public final class StepFailures {

    private StepFailures() {}

    /** What the build reports for {@code failure}, unmasked (for steps that handle no secret). */
    public static Throwable of(Throwable failure) {
        return of(failure, UnaryOperator.identity());
    }

    /** What the build reports for {@code failure}, with the console's secrets masked. */
    public static Throwable of(Throwable failure, StepConsole console) {
        return of(failure, console::mask);
    }

    static Throwable of(Throwable failure, UnaryOperator<String> mask) {
        Objects.requireNonNull(failure, "failure");
        if (failure instanceof DeliveryException || failure instanceof AbortException) {
            return new AbortException(mask.apply(failure.getMessage()));
        }
        if (!holdsSecret(failure, mask)) {
            return failure;
        }
        IllegalStateException masked = new IllegalStateException(mask.apply(failure.toString()));
        masked.setStackTrace(failure.getStackTrace());
        return masked;
    }

    private static boolean holdsSecret(Throwable failure, UnaryOperator<String> mask) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (changes(t.getMessage(), mask)) {
                return true;
            }
            for (Throwable s : t.getSuppressed()) {
                if (changes(s.toString(), mask)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean changes(@CheckForNull String text, UnaryOperator<String> mask) {
        return text != null && !text.equals(mask.apply(text));
    }
}
