package io.jenkins.plugins.kubernetesdelivery.engine.image;

import java.util.List;

/**
 * A pushed image.
 *
 * @param repository the repository pushed to
 * @param digest {@code sha256:} and 64 hex digits
 * @param tags the tags pushed
 */
public record BakeResult(String repository, String digest, List<String> tags) {

    public BakeResult {
        tags = List.copyOf(tags);
    }

    /** The digest-pinned reference, {@code repository@sha256:...}. */
    public String reference() {
        return repository + "@" + digest;
    }
}
