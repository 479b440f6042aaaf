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

    /** A Rest Client timeout: whole milliseconds, as many digits as an int surely holds. */
    private static final Pattern MILLIS = Pattern.compile("\\d{1,9}");

    private static final Pattern TABLE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,29}");
    private static final Pattern KEY_LIKE = Pattern.compile("(?i)\\bsk-[a-z0-9_-]+");

    private final Function<String, Optional<String>> source;

    SettingsReader(Function<String, Optional<String>> source) {
        this.source = source;
    }

    SharedSettings shared(List<String> problems) {
        int before = problems.size();
        URI baseUrl = baseUrl(problems);
        if (baseUrl != null) {
            restClientUrls(baseUrl, problems);
        }
        restClientTimeouts(problems);
        Duration lifetime = linkLifetime(problems);
        List<String> hosts = authHosts(problems);
        CallPolicy call = callPolicy(problems);
        TransportSettings transport = new TransportReader(this::value).read(problems);
        return problems.size() == before
                ? new SharedSettings(baseUrl, lifetime, hosts, call, transport)
                : null;
    }

    RegistrySettings registry(List<String> problems) {
        int before = problems.size();
        String kindText =
                value(Keys.REGISTRY).map(v -> v.strip().toLowerCase(Locale.ROOT)).orElse("memory");
        RegistrySettings.Kind kind;
        switch (kindText) {
            case "memory" -> kind = RegistrySettings.Kind.MEMORY;
            case "jdbc" -> kind = RegistrySettings.Kind.JDBC;
            default -> {
                problems.add(
                        describe(Keys.REGISTRY)
                                + " must be \"memory\" or \"jdbc\", not \""
                                + value(Keys.REGISTRY).orElse("")
                                + "\"");
                return null;
            }
        }
        if (kind == RegistrySettings.Kind.MEMORY) {
            return new RegistrySettings(kind, null, null, null, null, null);
        }
        String dataSource = value(Keys.REGISTRY_DATASOURCE).map(String::strip).orElse(null);
        if (dataSource == null) {
            problems.add(
                    describe(Keys.REGISTRY_DATASOURCE)
                            + " is missing: set it to the JNDI name of the DataSource that holds the"
                            + " pending links, such as \"jdbc/aisaXLink\"");
        }
        byte[] key = encryptionKey(problems);
        String table =
                value(Keys.REGISTRY_TABLE).map(String::strip).orElse(Keys.DEFAULT_REGISTRY_TABLE);
        if (!TABLE.matcher(table).matches()) {
            problems.add(
                    describe(Keys.REGISTRY_TABLE)
                            + " must be a plain SQL name (a letter, then letters, digits or _, at"
                            + " most 30 characters), not \""
                            + table
                            + "\"");
        }
        Duration sweep =
                atLeast(
                        Keys.REGISTRY_SWEEP_INTERVAL,
                        duration(
                                Keys.REGISTRY_SWEEP_INTERVAL,
                                Keys.DEFAULT_SWEEP_INTERVAL,
                                Duration.ZERO,
                                Duration.ofMinutes(10),
                                problems),
                        Duration.ofMillis(100),
                        problems);
        Duration lease =
                atLeast(
                        Keys.REGISTRY_CLAIM_LEASE,
                        duration(
                                Keys.REGISTRY_CLAIM_LEASE,
                                Keys.DEFAULT_CLAIM_LEASE,
                                Duration.ZERO,
                                Duration.ofHours(1),
                                problems),
                        Duration.ofSeconds(1),
                        problems);
        return problems.size() == before
                ? new RegistrySettings(kind, dataSource, key, table, sweep, lease)
                : null;
    }

    private static Duration atLeast(
            String key, Duration value, Duration minimum, List<String> problems) {
        if (value != null && value.compareTo(minimum) < 0) {
            problems.add(describe(key) + " must be at least " + minimum + ", not " + value);
            return null;
        }
        return value;
    }

    /** Reads the AES key without ever quoting it: a wrong key is still a secret. */
    private byte[] encryptionKey(List<String> problems) {
        Optional<String> raw = value(Keys.REGISTRY_ENCRYPTION_KEY);
        if (raw.isEmpty()) {
            problems.add(
                    describe(Keys.REGISTRY_ENCRYPTION_KEY)
                            + " is missing: set it to 32 random bytes in base64 (for example the"
                            + " output of \"openssl rand -base64 32\"), the same on every server");
            return null;
        }
        byte[] key;
        try {
            key = java.util.Base64.getDecoder().decode(raw.get().strip());
        } catch (IllegalArgumentException e) {
            problems.add(
                    describe(Keys.REGISTRY_ENCRYPTION_KEY)
                            + " is not base64 (its value is not shown)");
            return null;
        }
        if (key.length != 32) {
            problems.add(
                    describe(Keys.REGISTRY_ENCRYPTION_KEY)
                            + " must decode to 32 bytes (AES-256), not "
                            + key.length
                            + " (its value is not shown)");
            return null;
        }
        return key;
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
        } else if (hasSpaceOrControl(key.get())) {
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
        String text = raw.get();
        if (!text.equals(text.strip())) {
            problems.add(
                    describe(Keys.BASE_URL)
                            + " has white space around it; remove it (the Rest Client would"
                            + " refuse the URL)");
            return null;
        }
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

    /**
     * The module builds its Rest Client for {@code aisa.base-url} alone. A URL under the Rest
     * Client's own keys would look like a way around the checks above, so it must name the same
     * URL.
     */
    private void restClientUrls(URI baseUrl, List<String> problems) {
        for (String key : Keys.REST_CLIENT_URL_KEYS) {
            Optional<String> value = value(key);
            if (value.isPresent()
                    && !value.get().replaceAll("/+$", "").equals(baseUrl.toString())) {
                problems.add(
                        describe(key)
                                + " names a different URL than "
                                + Keys.BASE_URL
                                + ": set only "
                                + Keys.BASE_URL
                                + ", the one the module checks");
            }
        }
    }

    /** The standard Rest Client timeouts, checked here so that a typo fails the deployment. */
    private void restClientTimeouts(List<String> problems) {
        for (String key : Keys.REST_CLIENT_TIMEOUT_KEYS) {
            Optional<String> value = value(key);
            if (value.isPresent() && !MILLIS.matcher(value.get().strip()).matches()) {
                problems.add(
                        describe(key)
                                + " must be a whole number of milliseconds, not \""
                                + shown(value.get())
                                + "\"");
            }
        }
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
        return new CallPolicy(
                timeout,
                attempts,
                backoff,
                maxWait,
                maxBytes,
                restClientTimeout(Keys.CONNECT_TIMEOUT),
                restClientTimeout(Keys.READ_TIMEOUT),
                Keys.errorMappingKeptOn(value(Keys.DISABLE_DEFAULT_MAPPER)));
    }

    /**
     * A Rest Client timeout as the Rest Client reads it: from the interface's key when set, else
     * from the configKey's. Unbounded when missing, malformed (already a problem) or zero, which
     * the Rest Client reads as no limit.
     */
    private Duration restClientTimeout(String property) {
        String raw = "";
        for (String key : Keys.restClientKeys(property)) {
            Optional<String> set = value(key);
            if (set.isPresent()) {
                raw = set.get().strip();
                break;
            }
        }
        if (raw.isEmpty() || !MILLIS.matcher(raw).matches() || Long.parseLong(raw) == 0) {
            return CallPolicy.UNBOUNDED;
        }
        return Duration.ofMillis(Long.parseLong(raw));
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
            if (!host.contains(".") && !host.equals("localhost") && !host.contains(":")) {
                problems.add(
                        describe(Keys.AUTH_HOSTS)
                                + " holds \""
                                + host
                                + "\", a top-level domain: it would allow every host under it");
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
        Optional<String> value = source.apply(key);
        return value.isPresent() && value.get().isBlank() ? Optional.empty() : value;
    }

    private static boolean hasSpaceOrControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c == 127) {
                return true;
            }
        }
        return false;
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
