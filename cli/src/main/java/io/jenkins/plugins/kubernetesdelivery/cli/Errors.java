package io.jenkins.plugins.kubernetesdelivery.cli;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ApiErrors;

/** A failure as the one line {@code error: …} on stderr, as kubectl prints it. */
final class Errors {

    private Errors() {}

    static String line(Throwable t) {
        String text;
        if (t instanceof DeliveryException d) {
            text = d.problems().isEmpty() ? d.reason() : d.reason() + ": " + String.join("; ", d.problems());
        } else if (t instanceof KubernetesClientException k) {
            text = (k.getCode() > 0 ? "the Kubernetes API answered HTTP " + k.getCode() + ": "
                    : "the Kubernetes API cannot be reached: ") + ApiErrors.reason(k);
        } else {
            // not an anticipated failure: say what it was, still on one line
            text = t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        }
        return "error: " + oneLine(text);
    }

    static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
