package one.aisa.xlink.internal.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How the module's Rest Client reaches AIsa beyond its URL and timeouts: the standard {@code
 * aisa/mp-rest/*} transport keys, read and checked at deployment like every other setting.
 *
 * @param proxy the HTTP proxy every request goes through, if any
 * @param trustStore the certificates AIsa's is checked against instead of the JVM's, if any
 * @param keyStore the client certificate and key shown to a server that asks, if any
 * @param hostnameVerifier the class that decides whether a certificate fits the host, if any
 * @param providers JAX-RS providers registered on the client, in the order given
 */
public record TransportSettings(
        Optional<Proxy> proxy,
        Optional<Store> trustStore,
        Optional<Store> keyStore,
        Optional<Named> hostnameVerifier,
        List<Provider> providers) {

    /** None of the keys set: the JVM's trust, no proxy, no client certificate. */
    public static final TransportSettings NONE =
            new TransportSettings(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    List.of());

    public TransportSettings {
        providers = List.copyOf(providers);
    }

    /**
     * The value without whatever precedes its last {@code @}, where a proxy or store URL would
     * carry a user name and password: the form every message quotes.
     */
    public static String withoutCredentials(String value) {
        int at = value.lastIndexOf('@');
        return at < 0 ? value : "<redacted>" + value.substring(at);
    }

    /**
     * An HTTP proxy.
     *
     * @param host its host name or address
     * @param port its port, 1 to 65535
     */
    public record Proxy(String host, int port) {}

    /**
     * A key or trust store.
     *
     * @param key the key that named it, for messages
     * @param location {@code classpath:<resource>} or {@code file:<path>}
     * @param password its password; a secret, never shown
     * @param type its type, {@code JKS} unless set
     */
    public record Store(String key, String location, String password, String type) {

        /**
         * Whether {@code location} names something: a non-empty resource, or a file path, a {@code
         * file://} URL only without a host, and one that parses.
         */
        static boolean names(String location) {
            if (location.startsWith("classpath:")) {
                return !location.substring("classpath:".length()).replaceFirst("^/+", "").isEmpty();
            }
            String path = location.substring("file:".length());
            if (path.startsWith("//")) {
                try {
                    URI uri = new URI(location);
                    return uri.getAuthority() == null && !uri.getPath().isEmpty();
                } catch (URISyntaxException e) {
                    return false;
                }
            }
            return !path.isEmpty();
        }

        @Override
        public String toString() {
            return "Store[" + key + ", " + withoutCredentials(location) + ", " + type + "]";
        }
    }

    /**
     * A class of the application that a key names.
     *
     * @param key the key, for messages
     * @param className the class's binary name
     */
    public record Named(String key, String className) {}

    /**
     * A provider class and the priority it is registered with, if one is set.
     *
     * @param key the key that lists it, for messages
     * @param className the class's binary name
     * @param priority its priority, else the class's own
     */
    public record Provider(String key, String className, OptionalInt priority) {}
}
