package io.jenkins.plugins.kubernetesdelivery.engine;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An anticipated failure of an engine call: bad input, a refusal by the cluster, a rollout that did not become
 * ready, a build that failed, an abort. The caller reports it without a stack trace: {@link #reason()}, then the
 * {@link #problems()} and the {@link #details()}. Anything else an engine call throws is a bug (or a broken port).
 *
 * <p>No part of it holds a secret: messages quote names, never the values of credentials or Secrets.
 */
public class DeliveryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String reason;
    private final List<String> problems;
    private final List<String> details;

    public DeliveryException(String reason) {
        this(reason, List.of(), List.of(), null);
    }

    public DeliveryException(String reason, Throwable cause) {
        this(reason, List.of(), List.of(), cause);
    }

    /**
     * @param reason what failed, why, what to do; line breaks become spaces
     * @param problems the input problems of an invalid request, each naming the input and the rule
     * @param details more lines to show after the reason, as they are (e.g. a builder's last log lines)
     */
    protected DeliveryException(String reason, List<String> problems, List<String> details, Throwable cause) {
        super(message(oneLine(reason), problems, details), cause);
        this.reason = oneLine(reason);
        this.problems = List.copyOf(problems);
        this.details = List.copyOf(details);
    }

    /**
     * A request that failed validation before anything happened: "{@code what} is invalid; nothing in the cluster
     * changed", with every problem found.
     *
     * @param what the request, e.g. {@code the deploy request for shop/web}
     * @param problems at least one problem, each naming the input and the rule
     */
    public static DeliveryException invalid(String what, List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid request has at least one problem");
        }
        return new DeliveryException(what + " is invalid; nothing in the cluster changed", problems, List.of(), null);
    }

    /** What failed, why, and what to do, on one line. */
    public String reason() {
        return reason;
    }

    /** The input problems when the request was invalid; empty otherwise. */
    public List<String> problems() {
        return problems;
    }

    /** More lines to show after the reason (e.g. a builder's last log lines); empty when there are none. */
    public List<String> details() {
        return details;
    }

    /** The reason, then one line {@code "  - problem"} per problem (after a colon), then the details as they are. */
    private static String message(String reason, List<String> problems, List<String> details) {
        StringBuilder m = new StringBuilder(reason);
        if (!problems.isEmpty()) {
            m.append(':').append(problems.stream().map(p -> "\n  - " + p).collect(Collectors.joining()));
        }
        details.forEach(d -> m.append('\n').append(d));
        return m.toString();
    }

    private static String oneLine(String reason) {
        return reason == null ? "" : reason.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
