package io.jenkins.plugins.kubernetesdelivery.engine.release;

import java.util.List;

/**
 * An anticipated failure of a deploy or rollback: the message says what failed, why, and what to do.
 * The Jenkins layer turns it into an AbortException.
 */
public class ReleaseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ReleaseException(String message) {
        this(message, List.of(), null);
    }

    public ReleaseException(String message, Throwable cause) {
        this(message, List.of(), cause);
    }

    private ReleaseException(String message, List<String> problems, Throwable cause) {
        super(message, cause);
        this.problems = List.copyOf(problems);
    }

    /** A request that failed local validation; nothing in the cluster changed. */
    public static ReleaseException invalid(String what, List<String> problems) {
        return new ReleaseException(what + " is invalid; nothing in the cluster changed:\n  - "
                + String.join("\n  - ", problems), problems, null);
    }

    /** The validation problems, when that is why it failed. */
    public List<String> problems() {
        return problems;
    }
}
