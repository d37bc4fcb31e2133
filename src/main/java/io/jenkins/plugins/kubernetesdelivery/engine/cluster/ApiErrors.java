package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** The text of failures for messages: what the API server said, and any message on one line. */
public final class ApiErrors {

    private static final int MAX_LINE = 300;

    private ApiErrors() {}

    /**
     * Why the API server (or the client) refused a request, on one line: the server's status message when it sent
     * one, else the client's message, else the exception's type.
     */
    public static String reason(KubernetesClientException e) {
        String m = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : oneLine(m);
    }

    /**
     * A message (from the API server, a container or an exception) on one line: runs of whitespace become one
     * space, and text beyond 300 characters is cut and ends with "…". Null gives "".
     */
    public static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.replaceAll("\\s+", " ").strip();
        return line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + "…" : line;
    }
}
