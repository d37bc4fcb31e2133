package io.jenkins.plugins.kubernetesdelivery.engine.release;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container image reference, {@code [registry/]path[:tag][@sha256:<64 hex>]}, checked against the image
 * reference grammar (distribution/reference) so that nothing else ever reaches a manifest.
 *
 * @param reference the reference as given
 * @param repository the reference without tag and digest
 * @param tag the tag, or {@code null}
 * @param digest {@code sha256:…}, or {@code null}
 */
public record ImageRef(String reference, String repository, String tag, String digest) {

    private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final String DOMAIN_PART = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String DOMAIN = "(?:" + DOMAIN_PART + "(?:\\." + DOMAIN_PART + ")*(?::[0-9]+)?|\\[[0-9a-fA-F:]+\\](?::[0-9]+)?)";
    private static final Pattern GRAMMAR = Pattern.compile(
            "((?:" + DOMAIN + "/)?" + COMPONENT + "(?:/" + COMPONENT + ")*)"
                    + "(?::([\\w][\\w.-]{0,127}))?"
                    + "(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?");
    private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");

    /** Parses a reference; the problem names the broken rule. */
    public static ImageRef parse(String reference) {
        Optional<String> problem = check(reference);
        if (problem.isPresent()) {
            throw new IllegalArgumentException("image '" + reference + "' " + problem.get());
        }
        Matcher m = GRAMMAR.matcher(reference);
        m.matches();
        return new ImageRef(reference, m.group(1), m.group(2), m.group(3));
    }

    /** The broken rule, or empty when {@code reference} is a valid image reference. */
    public static Optional<String> check(String reference) {
        if (reference == null || reference.isEmpty()) {
            return Optional.of("must not be empty");
        }
        if (reference.length() > 512) {
            return Optional.of("must be at most 512 characters");
        }
        Matcher m = GRAMMAR.matcher(reference);
        if (!m.matches()) {
            return Optional.of("is not an image reference ([registry/]path[:tag][@sha256:<digest>]; lower case path,"
                    + " no spaces or shell characters)");
        }
        if (m.group(3) != null && !SHA256.matcher(m.group(3)).matches()) {
            return Optional.of("has a digest that is not sha256: followed by 64 lower-case hex digits");
        }
        return Optional.empty();
    }

    /** Whether the reference names an immutable image. */
    public boolean pinned() {
        return digest != null;
    }
}
