package one.aisa.xlink.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Decides whether the demo talks to its sandbox or to AIsa, and where the sandbox listens.
 *
 * <p>Sandbox mode is forced by {@code aisa.demo.sandbox=true}, given as a system property, as the
 * environment variable {@code AISA_DEMO_SANDBOX}, or in an {@code aisa-demo.properties} resource
 * packed into the application. Otherwise the demo uses the sandbox unless an AIsa API key is set
 * ({@code AISA_API_KEY}, or the system property {@code aisa.api-key}). The sandbox port comes from
 * {@code aisa.demo.port} (system property, {@code AISA_DEMO_PORT}, or the resource), default 9080.
 *
 * <p>Read once from the environment of the server; immutable.
 */
final class DemoSettings {

    /** The fake key the demo hands the module in sandbox mode, and that the sandbox expects. */
    static final String SANDBOX_API_KEY = "sk-aisa-sandbox-demo";

    /** How long the links the sandbox issues stay valid: short, so expiry shows within a minute. */
    static final Duration SANDBOX_LINK_LIFETIME = Duration.ofSeconds(45);

    static final String RESOURCE = "aisa-demo.properties";
    static final String SANDBOX_KEY = "aisa.demo.sandbox";
    static final String PORT_KEY = "aisa.demo.port";
    static final int DEFAULT_PORT = 9080;

    private static final DemoSettings CURRENT =
            resolve(System.getProperties(), System.getenv(), bundled());

    private final boolean sandbox;
    private final String reason;
    private final int port;

    private DemoSettings(boolean sandbox, String reason, int port) {
        this.sandbox = sandbox;
        this.reason = reason;
        this.port = port;
    }

    /** Returns the settings of this server, read when the demo was loaded. */
    static DemoSettings current() {
        return CURRENT;
    }

    /**
     * Resolves the settings from system properties, environment variables and the bundled resource,
     * in that order of precedence for the port.
     */
    static DemoSettings resolve(
            Properties system, Map<String, String> environment, Properties bundled) {
        String reason;
        boolean sandbox;
        if (isTrue(system.getProperty(SANDBOX_KEY))) {
            sandbox = true;
            reason = "forced by the system property " + SANDBOX_KEY;
        } else if (isTrue(environment.get("AISA_DEMO_SANDBOX"))) {
            sandbox = true;
            reason = "forced by the environment variable AISA_DEMO_SANDBOX";
        } else if (isTrue(bundled.getProperty(SANDBOX_KEY))) {
            sandbox = true;
            reason = "forced by " + RESOURCE + " in the application";
        } else if (isSet(environment.get("AISA_API_KEY"))) {
            sandbox = false;
            reason = "AISA_API_KEY is set";
        } else if (isSet(system.getProperty("aisa.api-key"))) {
            sandbox = false;
            reason = "the system property aisa.api-key is set";
        } else {
            sandbox = true;
            reason = "no AISA_API_KEY is set";
        }

        String port =
                Optional.ofNullable(system.getProperty(PORT_KEY))
                        .or(() -> Optional.ofNullable(environment.get("AISA_DEMO_PORT")))
                        .or(() -> Optional.ofNullable(bundled.getProperty(PORT_KEY)))
                        .orElse(String.valueOf(DEFAULT_PORT));
        return new DemoSettings(sandbox, reason, parsePort(port));
    }

    /** Tells whether the demo runs against its own sandbox rather than AIsa. */
    boolean sandbox() {
        return sandbox;
    }

    /** Says in a few words why the demo chose its mode. */
    String reason() {
        return reason;
    }

    /** Returns the loopback port the demo's server listens on. */
    int port() {
        return port;
    }

    /** Returns the sandbox's stand-in for {@code https://api.aisa.one/apis/v1}. */
    URI sandboxBaseUrl() {
        return origin().resolve("/sandbox/apis/v1");
    }

    /** Returns the demo's own origin: always 127.0.0.1, never a name or another address. */
    URI origin() {
        return URI.create("http://127.0.0.1:" + port);
    }

    private static boolean isTrue(String value) {
        return value != null && value.strip().equalsIgnoreCase("true");
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text.strip());
            if (port > 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // Reported below with the offending value.
        }
        throw new IllegalStateException(
                "Invalid "
                        + PORT_KEY
                        + " \""
                        + text
                        + "\": expected a port number from 1 to 65535 (system property "
                        + PORT_KEY
                        + ", environment variable AISA_DEMO_PORT or "
                        + RESOURCE
                        + ")");
    }

    private static Properties bundled() {
        Properties properties = new Properties();
        try (InputStream in = DemoSettings.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
        return properties;
    }
}
