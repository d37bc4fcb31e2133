package io.jenkins.plugins.kubernetesdelivery.engine.image;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The image reference grammar of the distribution project ({@code reference := name [":" tag] ["@" digest]}),
 * checked locally so that a bad repository or tag fails before any pod exists. Each check returns the broken
 * rule, or empty when the value is valid.
 */
public final class ImageReferences {

    /** Docker Hub, the registry of a repository without a registry host. */
    public static final String DEFAULT_REGISTRY = "docker.io";

    public static final int NAME_MAX = 255;

    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String DOMAIN_NAME = DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*";
    private static final String IPV6 = "\\[(?:[a-fA-F0-9:]+)\\]";
    private static final Pattern DOMAIN = Pattern.compile("(?:" + DOMAIN_NAME + "|" + IPV6 + ")(?::[0-9]+)?");
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[_.]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
    private static final Pattern DIGEST_IN_TEXT = Pattern.compile("sha256:[a-f0-9]{64}(?![a-f0-9])");

    private ImageReferences() {}

    /**
     * A repository without tag or digest: {@code [registry[:port]/]path-component[/path-component]*}, lowercase
     * path components joined by {@code .}, {@code _}, {@code __} or dashes, at most 255 characters.
     */
    public static Optional<String> checkRepository(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of("must not be empty");
        }
        if (value.length() > NAME_MAX) {
            return Optional.of("must be no more than " + NAME_MAX + " characters (has " + value.length() + ")");
        }
        if (value.contains("@")) {
            return Optional.of("must not contain a digest ('@'): the digest is what the build produces");
        }
        String[] parts = value.split("/", -1);
        int first = 0;
        if (parts.length > 1 && looksLikeDomain(parts[0])) {
            if (!DOMAIN.matcher(parts[0]).matches()) {
                return Optional.of("registry host '" + parts[0] + "' must be a host name or IP, with an optional"
                        + " ':port'");
            }
            first = 1;
        }
        for (int i = first; i < parts.length; i++) {
            String part = parts[i];
            if (part.contains(":")) {
                return Optional.of("must not contain a tag (':" + part.substring(part.indexOf(':') + 1)
                        + "'): give tags separately");
            }
            if (!PATH_COMPONENT.matcher(part).matches()) {
                return Optional.of("path component '" + part + "' must be lowercase letters and digits, separated"
                        + " by '.', '_', '__' or dashes (image reference grammar)");
            }
        }
        return Optional.empty();
    }

    /** A tag: a letter, digit or '_', then up to 127 letters, digits, '_', '.' and '-'. */
    public static Optional<String> checkTag(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of("must not be empty");
        }
        if (!TAG.matcher(value).matches()) {
            return Optional.of("must start with a letter, digit or '_' and contain only letters, digits, '_', '.'"
                    + " and '-', at most 128 characters (image reference grammar)");
        }
        return Optional.empty();
    }

    /** Whether the value is exactly a sha256 digest: {@code sha256:} and 64 lowercase hex digits. */
    public static boolean isDigest(String value) {
        return value != null && DIGEST.matcher(value).matches();
    }

    /** The first sha256 digest that stands alone in the text, or empty. */
    public static Optional<String> findDigest(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = DIGEST_IN_TEXT.matcher(text);
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }

    /** The registry host of a valid repository: its first component when that is a host, else Docker Hub. */
    public static String registryOf(String repository) {
        int slash = repository.indexOf('/');
        if (slash > 0 && looksLikeDomain(repository.substring(0, slash))) {
            return repository.substring(0, slash);
        }
        return DEFAULT_REGISTRY;
    }

    // the distribution rule: a first component is a registry when it has a '.' or ':', or is localhost
    // (or is uppercase, which the path grammar would reject anyway)
    private static boolean looksLikeDomain(String component) {
        return component.contains(".") || component.contains(":") || component.equals("localhost")
                || !component.equals(component.toLowerCase(java.util.Locale.ROOT));
    }
}
