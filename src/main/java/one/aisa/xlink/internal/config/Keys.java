package one.aisa.xlink.internal.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The configuration keys the module reads, with their defaults. The README carries the same table.
 */
public final class Keys {

    /** String, required: the default account's AIsa API key. */
    public static final String API_KEY = "aisa.api-key";

    /** URL, defaulted: where AIsa's API lives; {@code http} only for loopback hosts. */
    public static final String BASE_URL = "aisa.base-url";

    /** Comma-separated scope names, defaulted to AIsa's seven: the default account's scopes. */
    public static final String DEFAULT_SCOPES = "aisa.x.default-scopes";

    /** ISO-8601 duration, defaulted: link lifetime when AIsa sends no {@code expires_at}. */
    public static final String LINK_LIFETIME = "aisa.x.link-lifetime";

    /** Comma-separated host names, defaulted: hosts an {@code auth_url} may point at. */
    public static final String AUTH_HOSTS = "aisa.x.auth-hosts";

    /** ISO-8601 duration, defaulted: overall deadline of one request, retries included. */
    public static final String CALL_TIMEOUT = "aisa.call-timeout";

    /** Integer 1 to 10, defaulted: calls one request may make, the first included. */
    public static final String RETRY_MAX_ATTEMPTS = "aisa.retry.max-attempts";

    /** ISO-8601 duration, defaulted: wait before the first retry, doubled for each further one. */
    public static final String RETRY_INITIAL_BACKOFF = "aisa.retry.initial-backoff";

    /** ISO-8601 duration, defaulted: the longest {@code Retry-After} honoured. */
    public static final String RETRY_MAX_WAIT = "aisa.retry.max-wait";

    /** Integer bytes, defaulted: the largest success body read. */
    public static final String MAX_RESPONSE_BYTES = "aisa.max-response-bytes";

    /**
     * {@code memory} or {@code jdbc}, defaulted to {@code memory}: where pending links are kept.
     */
    public static final String REGISTRY = "aisa.x.registry";

    /** JNDI name, required when the registry is {@code jdbc}: the database's DataSource. */
    public static final String REGISTRY_DATASOURCE = "aisa.x.registry.datasource";

    /**
     * Base64 of 32 bytes, required when the registry is {@code jdbc}: AES key for links at rest.
     */
    public static final String REGISTRY_ENCRYPTION_KEY = "aisa.x.registry.encryption-key";

    /** SQL identifier, defaulted to {@code aisa_x_link}: the registry's table. */
    public static final String REGISTRY_TABLE = "aisa.x.registry.table";

    /** ISO-8601 duration, defaulted to 15 s: how often each server looks for due links. */
    public static final String REGISTRY_SWEEP_INTERVAL = "aisa.x.registry.sweep-interval";

    /**
     * ISO-8601 duration, defaulted to 2 min: how long a claim on a link keeps other servers off.
     */
    public static final String REGISTRY_CLAIM_LEASE = "aisa.x.registry.claim-lease";

    /** Prefix of the named accounts' keys: {@code aisa.accounts.<name>.api-key} and so on. */
    public static final String ACCOUNTS_PREFIX = "aisa.accounts.";

    /** Suffix of a named account's API key. */
    public static final String ACCOUNT_API_KEY = ".api-key";

    /** Suffix of a named account's default scopes. */
    public static final String ACCOUNT_DEFAULT_SCOPES = ".default-scopes";

    /** The Rest Client configKey: {@code aisa/mp-rest/readTimeout} and friends. */
    public static final String REST_CLIENT_CONFIG_KEY = "aisa";

    static final String CLIENT_INTERFACE = "one.aisa.xlink.internal.client.AisaTwitterApi";

    /** Rest Client keys that set the URL; each must agree with {@link #BASE_URL}. */
    static final List<String> REST_CLIENT_URL_KEYS =
            List.of(
                    "aisa/mp-rest/uri",
                    "aisa/mp-rest/url",
                    CLIENT_INTERFACE + "/mp-rest/uri",
                    CLIENT_INTERFACE + "/mp-rest/url");

    /**
     * The Rest Client's switch for its default error mapping, for every client of the application;
     * the module turns the mapping off for its own client unless this says {@code false}.
     */
    public static final String DISABLE_DEFAULT_MAPPER =
            "microprofile.rest.client.disable.default.mapper";

    /** What MicroProfile Config's boolean conversion reads as true. */
    private static final Set<String> TRUE_WORDS = Set.of("true", "1", "yes", "y", "on");

    /**
     * Whether a value of {@link #DISABLE_DEFAULT_MAPPER} keeps the error mapping on, read as the
     * Rest Client reads it: MicroProfile Config's boolean conversion, where only {@code true},
     * {@code 1}, {@code yes}, {@code y} and {@code on} mean true. Unset leaves the module's own
     * setting, mapping off.
     */
    public static boolean errorMappingKeptOn(Optional<String> disableDefaultMapper) {
        return disableDefaultMapper.map(value -> !readsAsTrue(value)).orElse(false);
    }

    /** Whether MicroProfile Config's boolean conversion reads {@code value} as true. */
    static boolean readsAsTrue(String value) {
        return TRUE_WORDS.contains(value.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * The keys of a standard Rest Client property, in the order they are read: the interface's own
     * key first, which wins, then the configKey's.
     */
    static List<String> restClientKeys(String property) {
        return List.of(CLIENT_INTERFACE + "/mp-rest/" + property, restClientConfigKey(property));
    }

    /** The configKey's key of a standard Rest Client property: the form messages name. */
    static String restClientConfigKey(String property) {
        return REST_CLIENT_CONFIG_KEY + "/mp-rest/" + property;
    }

    /** Rest Client timeouts in milliseconds, which the module hands to the client it builds. */
    static final String CONNECT_TIMEOUT = "connectTimeout";

    static final String READ_TIMEOUT = "readTimeout";

    /** Every key of those timeouts, each timeout's interface key first. */
    static final List<String> REST_CLIENT_TIMEOUT_KEYS = timeoutKeys();

    private static List<String> timeoutKeys() {
        List<String> keys = new ArrayList<>(restClientKeys(CONNECT_TIMEOUT));
        keys.addAll(restClientKeys(READ_TIMEOUT));
        return List.copyOf(keys);
    }

    static final String DEFAULT_BASE_URL = "https://api.aisa.one/apis/v1";
    static final Duration DEFAULT_LINK_LIFETIME = Duration.ofMinutes(10);
    static final List<String> DEFAULT_AUTH_HOSTS = List.of("twitter.com", "x.com");
    static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);
    static final int DEFAULT_MAX_ATTEMPTS = 3;
    static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
    static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(20);
    static final int DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
    static final String DEFAULT_REGISTRY_TABLE = "aisa_x_link";
    static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofSeconds(15);
    static final Duration DEFAULT_CLAIM_LEASE = Duration.ofMinutes(2);

    private Keys() {}

    /**
     * Returns the environment variable MicroProfile Config maps to a key: every character that is
     * not a letter or digit becomes {@code _}, and letters are upper-cased.
     */
    public static String environmentVariable(String key) {
        StringBuilder name = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            name.append(Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return name.toString();
    }

    /** Returns the key of an account's setting: {@code aisa.api-key} or its named form. */
    static String accountKey(String account, String suffix, String defaultAccountKey) {
        return "default".equals(account) ? defaultAccountKey : ACCOUNTS_PREFIX + account + suffix;
    }
}
