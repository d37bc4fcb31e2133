package io.jenkins.plugins.kubernetesdelivery.steps.approve;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The {@code input} that {@code approveFor} hands the waiting to: Pipeline then registers {@code input}'s own
 * execution, so the "Paused for Input" page, the console links, Pipeline Graph View and Blue Ocean approve it as any
 * input, before and after a restart.
 *
 * @param message what approvers read (plain text; every view escapes it)
 * @param id the input's id, from the environment: URL-safe
 * @param submitter who may answer, as {@code input} takes it ({@code a,b}); never empty, or anyone with Job/Build could
 * @param ok the caption of the approve button
 * @param cancel the caption of the reject button
 * @param submitterParameter the name under which {@code input} returns the approver's user id
 */
public record InputRequest(
        String message, String id, String submitter, String ok, String cancel, String submitterParameter) {

    /** The value name of the approver ({@code input} returns just the value when it is the only one). */
    public static final String APPROVER = "approver";

    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9_-]");

    public InputRequest {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(id, "id");
        if (submitter == null || submitter.isBlank()) {
            throw new IllegalArgumentException("an approval needs approvers");
        }
    }

    /**
     * The input id of an approval of {@code environment}: {@code ApproveFor-<environment>}, every character outside
     * {@code A-Z a-z 0-9 _ -} replaced by {@code -}, so it is safe in URLs ({@code input/<id>/proceedEmpty}) and starts
     * with a capital letter as {@code input} requires.
     */
    public static String idFor(String environment) {
        return "ApproveFor-" + UNSAFE.matcher(environment).replaceAll("-");
    }
}
