package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** The text of failures for messages: what the API server said, and any message on one line. */
public final class ApiErrors {

    private static final int MAX_LINE = 300;

    private ApiErrors() {}

    /**
     * Why the API server (or the client) refused a request, on one line: the server's status message when it sent
     * one; else the client's message (or the exception's type) followed by the root cause's message, which says why
     * the request did not get through (connection refused, a TLS failure, a timeout).
     */
    public static String reason(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return oneLine(e.getStatus().getMessage());
        }
        String m = e.getMessage() == null || e.getMessage().isBlank()
                ? e.getClass().getSimpleName()
                : e.getMessage().strip();
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e && root.getMessage() != null && !m.contains(root.getMessage())) {
            m = (m.endsWith(".") ? m.substring(0, m.length() - 1) : m) + ": " + root.getMessage();
        }
        return oneLine(m);
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
