package one.aisa.xlink.internal.response;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import one.aisa.xlink.internal.config.Loopback;

/**
 * Decides whether an {@code auth_url} may be handed to a person: absolute, {@code https}, on an
 * allowed host (exactly or a subdomain). Plain {@code http} passes only for a loopback host that
 * the allow-list names itself. Messages may name the host, never the URL or its query.
 */
final class AuthUrlPolicy {

    private final List<String> allowedHosts;

    AuthUrlPolicy(List<String> allowedHosts) {
        this.allowedHosts = List.copyOf(allowedHosts);
    }

    /** Returns the URL, unchanged, or throws saying what is wrong with it. */
    URI check(String raw) {
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            throw new Unusable("AISAX023: AIsa's auth_url is not a valid URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null) {
            throw new Unusable(
                    "AISAX024: AIsa's auth_url is not an absolute http(s) URL with a host (scheme"
                            + " \""
                            + abbreviate(scheme)
                            + "\").");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Unusable("AISAX024: AIsa's auth_url carries user info, which X never uses.");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (!isAllowed(host)) {
            throw new Unusable(
                    "AISAX025: AIsa's auth_url points at host \""
                            + abbreviate(host)
                            + "\", which is not in aisa.x.auth-hosts "
                            + allowedHosts
                            + ".");
        }
        boolean plainLoopback =
                scheme.equals("http")
                        && Loopback.isLoopbackHost(host)
                        && allowedHosts.contains(host);
        if (!scheme.equals("https") && !plainLoopback) {
            throw new Unusable(
                    "AISAX026: AIsa's auth_url uses scheme \""
                            + abbreviate(scheme)
                            + "\"; only https is accepted (http only for a loopback host listed"
                            + " in aisa.x.auth-hosts).");
        }
        return uri;
    }

    /** Returns the decoded {@code state} query parameter, if the URL has exactly one. */
    static Optional<String> stateParameter(URI uri) {
        String query = uri.getRawQuery();
        if (query == null) {
            return Optional.empty();
        }
        String found = null;
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (name.equals("state")) {
                String value;
                try {
                    value =
                            URLDecoder.decode(
                                    eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new Unusable(
                            "AISAX027: the state parameter of AIsa's auth_url is malformed.");
                }
                if (found != null && !found.equals(value)) {
                    throw new Unusable("AISAX027: AIsa's auth_url carries two different states.");
                }
                found = value;
            }
        }
        return Optional.ofNullable(found).filter(s -> !s.isEmpty());
    }

    private boolean isAllowed(String host) {
        for (String allowed : allowedHosts) {
            if (host.equals(allowed) || host.endsWith("." + allowed)) {
                return true;
            }
        }
        return false;
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
