package io.jenkins.plugins.kubernetesdelivery.engine.release;

import java.util.Objects;

/**
 * One manifest file of a release, already read by the caller (the step reads it from the workspace).
 *
 * @param name where it came from, for messages (e.g. {@code k8s/web.yaml})
 * @param text its YAML or JSON text; may hold several documents
 */
public record ManifestFile(String name, String text) {
    public ManifestFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
    }

    /** Never the text: manifests may hold Secrets. */
    @Override
    public String toString() {
        return "ManifestFile[" + name + ", " + text.length() + " characters]";
    }
}
