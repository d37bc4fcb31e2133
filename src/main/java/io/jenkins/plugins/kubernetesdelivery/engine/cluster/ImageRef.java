package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container image reference, {@code [registry[:port]/]path[:tag][@sha256:<64 hex>]}, and the rules of its parts:
 * the reference grammar of the distribution project ({@code reference := name [":" tag] ["@" digest]}). The engine's
 * one grammar: release images, bake repositories and tags, and builder images are all checked here, so that nothing
 * else reaches a pod spec. Each check returns the broken rule, or empty when the value is valid.
 *
 * @param reference the reference as given
 * @param repository the reference without tag and digest
 * @param tag the tag, or {@code null}
 * @param digest {@code sha256:…}, or {@code null}
 */
public record ImageRef(String reference, String repository, String tag, String digest) {

    /** Docker Hub, the registry of a repository without a registry host. */
    public static final String DEFAULT_REGISTRY = "docker.io";

    /** The longest repository (name) the grammar allows. */
    public static final int NAME_MAX = 255;

    private static final int REFERENCE_MAX = 512;
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String DOMAIN_NAME = DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*";
    private static final String IPV6 = "\\[(?:[a-fA-F0-9:]+)\\]";
    private static final Pattern DOMAIN = Pattern.compile("(?:" + DOMAIN_NAME + "|" + IPV6 + ")(?::[0-9]+)?");
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[_.]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final String SHA256 = "sha256:[a-f0-9]{64}";
    private static final Pattern DIGEST = Pattern.compile(SHA256);
    private static final Pattern DIGEST_IN_TEXT = Pattern.compile(SHA256 + "(?![a-f0-9])");

    /**
     * Parses a reference.
     *
     * @throws IllegalArgumentException naming the broken rule, when {@link #check} finds one
     */
    public static ImageRef parse(String reference) {
        Optional<String> problem = check(reference);
        if (problem.isPresent()) {
            throw new IllegalArgumentException("image '" + reference + "' " + problem.get());
        }
        int at = reference.indexOf('@');
        String name = at < 0 ? reference : reference.substring(0, at);
        int colon = tagSeparator(name);
        return new ImageRef(
                reference,
                colon < 0 ? name : name.substring(0, colon),
                colon < 0 ? null : name.substring(colon + 1),
                at < 0 ? null : reference.substring(at + 1));
    }

    /** The broken rule, or empty when {@code reference} is a valid image reference (tag and digest optional). */
    public static Optional<String> check(String reference) {
        if (reference == null || reference.isEmpty()) {
            return Optional.of("must not be empty");
        }
        if (reference.length() > REFERENCE_MAX) {
            return Optional.of("must be at most " + REFERENCE_MAX + " characters");
        }
        int at = reference.indexOf('@');
        String name = at < 0 ? reference : reference.substring(0, at);
        int colon = tagSeparator(name);
        Optional<String> broken = checkRepository(colon < 0 ? name : name.substring(0, colon));
        if (broken.isEmpty() && colon >= 0) {
            String tag = name.substring(colon + 1);
            broken = checkTag(tag).map(rule -> "tag '" + tag + "' " + rule);
        }
        if (broken.isPresent()) {
            return Optional.of("is not an image reference ([registry/]path[:tag][@sha256:<digest>]): " + broken.get());
        }
        if (at >= 0 && !isDigest(reference.substring(at + 1))) {
            return Optional.of("has a digest that is not sha256: followed by 64 lower-case hex digits");
        }
        return Optional.empty();
    }

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
                return Optional.of(
                        "registry host '" + parts[0] + "' must be a host name or IP, with an optional" + " ':port'");
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

    /** Whether the reference names an immutable image (it has a digest). */
    public boolean pinned() {
        return digest != null;
    }

    /** Where the tag starts in a name without digest (the ':' after the last '/'), or -1. */
    private static int tagSeparator(String name) {
        int colon = name.lastIndexOf(':');
        return colon > name.lastIndexOf('/') ? colon : -1;
    }

    // the distribution rule: a first component is a registry when it has a '.' or ':', or is localhost
    // (or is uppercase, which the path grammar would reject anyway)
    private static boolean looksLikeDomain(String component) {
        return component.contains(".")
                || component.contains(":")
                || component.equals("localhost")
                || !component.equals(component.toLowerCase(Locale.ROOT));
    }
}
