package one.aisa.xlink.internal.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import one.aisa.xlink.XScope;

/**
 * Reads and validates settings from a key-value source, collecting every problem rather than
 * stopping at the first. Problems name the key, its environment variable and what is wrong; they
 * never quote a secret.
 */
final class SettingsReader {

    private static final Pattern HOST =
            Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
    private static final Duration MAX_LINK_LIFETIME = Duration.ofDays(1);
    private static final Pattern KEY_LIKE = Pattern.compile("(?i)\\bsk-[a-z0-9_-]+");

    private final Function<String, Optional<String>> source;

    SettingsReader(Function<String, Optional<String>> source) {
        this.source = source;
    }

    SharedSettings shared(List<String> problems) {
        int before = problems.size();
        URI baseUrl = baseUrl(problems);
        Duration lifetime = linkLifetime(problems);
        List<String> hosts = authHosts(problems);
        CallPolicy call = callPolicy(problems);
        return problems.size() == before
                ? new SharedSettings(baseUrl, lifetime, hosts, call)
                : null;
    }

    AccountSettings account(String name, List<String> problems) {
        int before = problems.size();
        String keyName = Keys.accountKey(name, Keys.ACCOUNT_API_KEY, Keys.API_KEY);
        Optional<String> key = value(keyName);
        if (key.isEmpty()) {
            problems.add(
                    describe(keyName)
                            + " is missing or blank: set it to the AIsa API key of account '"
                            + name
                            + "'");
        } else if (key.get().chars().anyMatch(c -> c <= ' ' || c == 127)) {
            problems.add(
                    describe(keyName)
                            + " contains white space or control characters: an AIsa API key has"
                            + " none");
        }
        String scopesName = Keys.accountKey(name, Keys.ACCOUNT_DEFAULT_SCOPES, Keys.DEFAULT_SCOPES);
        Set<XScope> scopes = scopes(scopesName, problems);
        return problems.size() == before ? new AccountSettings(name, key.get(), scopes) : null;
    }

    private URI baseUrl(List<String> problems) {
        Optional<String> raw = value(Keys.BASE_URL);
        if (raw.isEmpty()) {
            return URI.create(Keys.DEFAULT_BASE_URL);
        }
        String text = raw.get().strip();
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            problems.add(describe(Keys.BASE_URL) + " is not a URL: \"" + shown(text) + "\"");
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !scheme.matches("https?")) {
            problems.add(
                    describe(Keys.BASE_URL)
                            + " must be an absolute http(s) URL such as \""
                            + Keys.DEFAULT_BASE_URL
                            + "\", not \""
                            + shown(text)
                            + "\"");
            return null;
        }
        if (uri.getRawUserInfo() != null
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            problems.add(
                    describe(Keys.BASE_URL)
                            + " must not carry user info, a query or a fragment; the API key"
                            + " belongs in "
                            + describe(Keys.API_KEY));
            return null;
        }
        if (scheme.equals("http") && !Loopback.isLoopbackHost(uri.getHost())) {
            problems.add(
                    describe(Keys.BASE_URL)
                            + " uses plain http for host \""
                            + uri.getHost()
                            + "\": the API key would travel unencrypted; use https (http is"
                            + " accepted only for 127.0.0.0/8, ::1 and localhost)");
            return null;
        }
        String withoutSlash = text.replaceAll("/+$", "");
        return URI.create(withoutSlash);
    }

    private Duration linkLifetime(List<String> problems) {
        return duration(
                Keys.LINK_LIFETIME,
                Keys.DEFAULT_LINK_LIFETIME,
                Duration.ZERO,
                MAX_LINK_LIFETIME,
                problems);
    }

    private CallPolicy callPolicy(List<String> problems) {
        Duration timeout =
                duration(
                        Keys.CALL_TIMEOUT,
                        Keys.DEFAULT_CALL_TIMEOUT,
                        Duration.ZERO,
                        Duration.ofMinutes(10),
                        problems);
        int attempts = integer(Keys.RETRY_MAX_ATTEMPTS, Keys.DEFAULT_MAX_ATTEMPTS, 1, 10, problems);
        Duration backoff =
                duration(
                        Keys.RETRY_INITIAL_BACKOFF,
                        Keys.DEFAULT_INITIAL_BACKOFF,
                        Duration.ZERO,
                        Duration.ofMinutes(1),
                        problems);
        Duration maxWait =
                duration(
                        Keys.RETRY_MAX_WAIT,
                        Keys.DEFAULT_MAX_WAIT,
                        Duration.ofNanos(-1),
                        Duration.ofMinutes(10),
                        problems);
        int maxBytes =
                integer(
                        Keys.MAX_RESPONSE_BYTES,
                        Keys.DEFAULT_MAX_RESPONSE_BYTES,
                        1024,
                        64 * 1024 * 1024,
                        problems);
        return new CallPolicy(timeout, attempts, backoff, maxWait, maxBytes);
    }

    /** Reads a duration that must lie above {@code floor} and at most at {@code ceiling}. */
    private Duration duration(
            String key,
            Duration fallback,
            Duration floor,
            Duration ceiling,
            List<String> problems) {
        Optional<String> raw = value(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            Duration value = Duration.parse(raw.get().strip());
            if (value.compareTo(floor) <= 0 || value.compareTo(ceiling) > 0) {
                problems.add(
                        describe(key)
                                + " must be "
                                + (floor.isNegative() ? "zero or more" : "positive")
                                + " and at most "
                                + ceiling
                                + ", not \""
                                + raw.get()
                                + "\"");
                return null;
            }
            return value;
        } catch (DateTimeParseException e) {
            problems.add(
                    describe(key)
                            + " is not an ISO-8601 duration such as \"PT10M\": \""
                            + raw.get()
                            + "\"");
            return null;
        }
    }

    private int integer(String key, int fallback, int min, int max, List<String> problems) {
        Optional<String> raw = value(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.get().strip());
            if (value < min || value > max) {
                problems.add(
                        describe(key)
                                + " must be between "
                                + min
                                + " and "
                                + max
                                + ", not "
                                + value);
            }
            return value;
        } catch (NumberFormatException e) {
            problems.add(describe(key) + " is not a whole number: \"" + raw.get() + "\"");
            return fallback;
        }
    }

    private List<String> authHosts(List<String> problems) {
        Optional<String> raw = value(Keys.AUTH_HOSTS);
        if (raw.isEmpty()) {
            return Keys.DEFAULT_AUTH_HOSTS;
        }
        List<String> hosts = new ArrayList<>();
        for (String item : raw.get().split(",")) {
            String host = item.strip().toLowerCase(Locale.ROOT);
            if (host.isEmpty()) {
                continue;
            }
            if (!HOST.matcher(host).matches() && !host.equals("[::1]") && !host.equals("::1")) {
                problems.add(
                        describe(Keys.AUTH_HOSTS)
                                + " holds \""
                                + item.strip()
                                + "\", which is not a host name");
                continue;
            }
            hosts.add(host.equals("::1") ? "[::1]" : host);
        }
        if (hosts.isEmpty()
                && problems.stream().noneMatch(p -> p.startsWith(describe(Keys.AUTH_HOSTS)))) {
            problems.add(describe(Keys.AUTH_HOSTS) + " lists no host");
        }
        return hosts;
    }

    private Set<XScope> scopes(String key, List<String> problems) {
        Optional<String> raw = value(key);
        if (raw.isEmpty()) {
            return XScope.defaults();
        }
        Set<XScope> scopes = new LinkedHashSet<>();
        for (String item : raw.get().split(",")) {
            String name = item.strip();
            if (name.isEmpty()) {
                continue;
            }
            try {
                scopes.add(XScope.of(name));
            } catch (IllegalArgumentException e) {
                problems.add(describe(key) + ": " + e.getMessage());
            }
        }
        if (scopes.isEmpty() && problems.stream().noneMatch(p -> p.startsWith(describe(key)))) {
            problems.add(describe(key) + " lists no scope");
        }
        return scopes;
    }

    private Optional<String> value(String key) {
        return source.apply(key).filter(v -> !v.isBlank());
    }

    /**
     * Quotes a refused base URL without what may carry a credential: user info, query, fragment and
     * anything that looks like an AIsa key.
     */
    private static String shown(String url) {
        String shown = url;
        int cut = indexOfAny(shown, "?#");
        if (cut >= 0) {
            shown = shown.substring(0, cut + 1) + "<redacted>";
        }
        int slashes = shown.indexOf("//");
        int start = slashes < 0 ? 0 : slashes + 2;
        int pathStart = indexOfAny(shown.substring(start), "/?#");
        int end = pathStart < 0 ? shown.length() : start + pathStart;
        int at = shown.lastIndexOf('@', end - 1);
        if (at >= start) {
            shown = shown.substring(0, start) + "<redacted>" + shown.substring(at);
        }
        return KEY_LIKE.matcher(shown).replaceAll("<redacted>");
    }

    private static int indexOfAny(String text, String chars) {
        for (int i = 0; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    static String describe(String key) {
        return key + " (env " + Keys.environmentVariable(key) + ")";
    }
}
