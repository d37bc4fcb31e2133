package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The name and label rules of the Kubernetes API server, checked locally so that bad input fails before the
 * first request. Each check returns the broken rule, or empty when the value is valid.
 */
public final class KubernetesNames {

    public static final int LABEL_MAX = 63;
    public static final int SUBDOMAIN_MAX = 253;

    private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS1123_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    private static final Pattern LABEL_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");

    private KubernetesNames() {}

    /** A DNS-1123 label: namespaces, Services, most names that end up in DNS. */
    public static Optional<String> checkDns1123Label(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of("must not be empty");
        }
        if (value.length() > LABEL_MAX) {
            return Optional.of("must be no more than " + LABEL_MAX + " characters (has " + value.length() + ")");
        }
        if (!DNS1123_LABEL.matcher(value).matches()) {
            return Optional.of("must consist of lower case letters, digits and '-', and start and end with a"
                    + " letter or digit (RFC 1123 label)");
        }
        return Optional.empty();
    }

    /** A DNS-1035 label: Service names (the API server refuses a Service whose name starts with a digit). */
    public static Optional<String> checkDns1035Label(String value) {
        Optional<String> label = checkDns1123Label(value);
        if (label.isPresent() && !label.get().endsWith("(RFC 1123 label)")) {
            return label;
        }
        if (label.isPresent() || !DNS1035_LABEL.matcher(value).matches()) {
            return Optional.of("must consist of lower case letters, digits and '-', start with a lower case letter"
                    + " and end with a letter or digit (RFC 1035 label)");
        }
        return Optional.empty();
    }

    /** A DNS-1123 subdomain: Deployments, ConfigMaps, Secrets and most other object names. */
    public static Optional<String> checkDns1123Subdomain(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of("must not be empty");
        }
        if (value.length() > SUBDOMAIN_MAX) {
            return Optional.of("must be no more than " + SUBDOMAIN_MAX + " characters (has " + value.length() + ")");
        }
        if (!DNS1123_SUBDOMAIN.matcher(value).matches()) {
            return Optional.of("must consist of lower case letters, digits, '-' and '.', and start and end with a"
                    + " letter or digit (RFC 1123 subdomain)");
        }
        return Optional.empty();
    }

    /** A label value: empty, or up to 63 letters, digits, '-', '_' and '.', starting and ending alphanumeric. */
    public static Optional<String> checkLabelValue(String value) {
        if (value == null) {
            return Optional.of("must not be null");
        }
        if (value.length() > LABEL_MAX) {
            return Optional.of("must be no more than " + LABEL_MAX + " characters (has " + value.length() + ")");
        }
        if (!LABEL_VALUE.matcher(value).matches()) {
            return Optional.of("must be empty or consist of letters, digits, '-', '_' and '.', and start and end"
                    + " with a letter or digit");
        }
        return Optional.empty();
    }

    /** A label or annotation key: an optional DNS-1123 subdomain prefix and '/', then a name of up to 63 characters. */
    public static Optional<String> checkQualifiedName(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of("must not be empty");
        }
        String name = value;
        int slash = value.indexOf('/');
        if (slash >= 0) {
            Optional<String> prefix = checkDns1123Subdomain(value.substring(0, slash));
            if (prefix.isPresent()) {
                return Optional.of("prefix " + prefix.get());
            }
            name = value.substring(slash + 1);
        }
        if (name.isEmpty() || name.length() > LABEL_MAX) {
            return Optional.of("name part must be 1 to " + LABEL_MAX + " characters");
        }
        if (!LABEL_NAME.matcher(name).matches()) {
            return Optional.of("name part must consist of letters, digits, '-', '_' and '.', and start and end"
                    + " with a letter or digit");
        }
        return Optional.empty();
    }
}
