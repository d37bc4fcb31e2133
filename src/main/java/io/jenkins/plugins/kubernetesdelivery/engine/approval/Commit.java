package io.jenkins.plugins.kubernetesdelivery.engine.approval;

/**
 * One commit between the live release and the candidate, as the SCM reported it to the builds.
 *
 * @param id the commit id, or {@code null} when the SCM has none
 * @param author the user id of its author as Jenkins knows it, or {@code null}
 * @param message its message (the first line is shown)
 */
public record Commit(String id, String author, String message) {

    public Commit {
        id = PlainText.line(id, 80);
        author = PlainText.line(author, 100);
        message = firstLine(message);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return null;
        }
        String first = message.strip().split("\\R", 2)[0];
        return PlainText.line(first, 120);
    }
}
