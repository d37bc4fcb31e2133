package io.jenkins.plugins.kubernetesdelivery.engine.image;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The registry's answer to a failed push, read from the builder's last log lines, for the one-line reason (audit
 * case 11): BuildKit prints {@code failed to push …: 401 Unauthorized}, Kaniko {@code … UNAUTHORIZED:
 * authentication required}. Only lines about the registry count (push, authorize, token, manifest, blob, {@code
 * /v2/}), so a RUN step's own HTTP errors do not; only the status is taken from them, never the line.
 */
final class RegistryStatus {

    private static final Pattern ABOUT_REGISTRY =
            Pattern.compile("(?i)push|authoriz|token|manifest|blob|/v2/|registry");
    private static final Pattern HTTP = Pattern.compile(
            "\\b([45]\\d\\d) (Unauthorized|Forbidden|Not Found|Too Many Requests|Internal Server Error|Bad Gateway"
                    + "|Service Unavailable|Gateway Timeout|Bad Request|Method Not Allowed|Request Entity Too Large)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CODE = Pattern.compile(
            "\\b(UNAUTHORIZED|DENIED|NAME_UNKNOWN|NAME_INVALID|TOOMANYREQUESTS|MANIFEST_INVALID|BLOB_UNKNOWN"
                    + "|UNSUPPORTED)\\b");

    private RegistryStatus() {}

    /**
     * What the registry answered and what to do, e.g. {@code the registry answered 401 Unauthorized; check the
     * registry credentials for registry.example.com/shop/web}; empty when no log line gives a registry status.
     */
    static Optional<String> describe(List<String> lastLines, String repository) {
        for (int i = lastLines.size() - 1; i >= 0; i--) {
            String line = lastLines.get(i);
            if (!ABOUT_REGISTRY.matcher(line).find()) {
                continue;
            }
            Matcher http = HTTP.matcher(line);
            if (http.find()) {
                int code = Integer.parseInt(http.group(1));
                return Optional.of("the registry answered " + code + " " + http.group(2) + advice(code, repository));
            }
            Matcher c = CODE.matcher(line);
            if (c.find()) {
                return Optional.of("the registry answered " + c.group(1) + advice(codeOf(c.group(1)), repository));
            }
        }
        return Optional.empty();
    }

    private static int codeOf(String registryCode) {
        return switch (registryCode.toUpperCase(Locale.ROOT)) {
            case "UNAUTHORIZED" -> 401;
            case "DENIED" -> 403;
            case "NAME_UNKNOWN" -> 404;
            case "TOOMANYREQUESTS" -> 429;
            default -> 400;
        };
    }

    private static String advice(int code, String repository) {
        if (code == 401) {
            return "; check the registry credentials for " + repository;
        }
        if (code == 403) {
            return "; check that the registry credentials may push to " + repository;
        }
        if (code == 404) {
            return "; check that the repository " + repository + " exists";
        }
        if (code == 429) {
            return "; the registry limits requests: try again later";
        }
        if (code >= 500) {
            return "; the registry failed: try again later";
        }
        return "";
    }
}
