package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * The rules for an API server URL, and how messages show one. A URL may not carry a user name or password
 * ({@code https://user:password@host}): credentials belong in the connection's credentials, and a URL is quoted in
 * messages and by the client's own errors. Messages never show that part, even of a URL that is refused for it.
 */
final class ServerUrls {

    private ServerUrls() {}

    /** The broken rule, naming the URL without any user part; empty when the URL is fine. */
    static Optional<String> check(String url) {
        if (hasUserInfo(url)) {
            return Optional.of("server URL '" + forMessage(url) + "' must not hold a user name or password"
                    + " (user:password@); remove them and use the connection's credentials");
        }
        try {
            URI uri = new URI(url);
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
                return Optional.of("server URL '" + forMessage(url) + "' must start with https://");
            }
            if (uri.getHost() == null) {
                return Optional.of("server URL '" + forMessage(url) + "' has no host");
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            // the reason only: the exception's message quotes the input
            return Optional.of("server URL '" + forMessage(url) + "' is not a URL: " + quote(e.getReason()));
        }
    }

    /** The URL for a message: without its user part (shown as {@code ***@}), on one bounded line. */
    static String forMessage(String url) {
        int start = url.indexOf("://");
        start = start < 0 ? 0 : start + 3;
        int end = authorityEnd(url, start);
        int at = url.lastIndexOf('@', end - 1);
        String shown = at >= start ? url.substring(0, start) + "***" + url.substring(at) : url;
        return quote(shown);
    }

    /** Whether the authority (between {@code ://}, or the start, and the path) holds an {@code @}. */
    static boolean hasUserInfo(String url) {
        int start = url.indexOf("://");
        start = start < 0 ? 0 : start + 3;
        return url.substring(start, authorityEnd(url, start)).indexOf('@') >= 0;
    }

    private static int authorityEnd(String url, int start) {
        int end = url.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int i = url.indexOf(c, start);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return end;
    }

    /** User text as a message quotes it: one line of at most 200 characters. */
    private static String quote(String s) {
        return Strings.printable(s, 200);
    }
}
