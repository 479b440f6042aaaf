package one.aisa.xlink.demo;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Points aisa-x-link at the demo's sandbox while the demo runs in sandbox mode, and supplies
 * nothing otherwise.
 *
 * <p>In sandbox mode it sets {@code aisa.api-key} to a fake key, {@code aisa.base-url} to the
 * sandbox on 127.0.0.1, {@code aisa.x.auth-hosts} to {@code 127.0.0.1} (so the module accepts the
 * sandbox's {@code http} consent page) and {@code aisa.x.link-lifetime} to 45 seconds. Its ordinal,
 * {@value #ORDINAL}, is above system properties and environment variables, so a real {@code
 * AISA_API_KEY} in the environment cannot leak into a forced sandbox run.
 *
 * <p>Registered through {@code META-INF/services/org.eclipse.microprofile.config.spi.ConfigSource}.
 */
public final class SandboxConfigSource implements ConfigSource {

    /** Above the defaults of system properties (400) and environment variables (300). */
    public static final int ORDINAL = 900;

    private final Map<String, String> properties;

    /** Creates the source for the settings of this server. */
    public SandboxConfigSource() {
        DemoSettings settings = DemoSettings.current();
        this.properties =
                settings.sandbox()
                        ? Map.of(
                                "aisa.api-key",
                                DemoSettings.SANDBOX_API_KEY,
                                "aisa.base-url",
                                settings.sandboxBaseUrl().toString(),
                                "aisa.x.auth-hosts",
                                "127.0.0.1",
                                "aisa.x.link-lifetime",
                                DemoSettings.SANDBOX_LINK_LIFETIME.toString())
                        : Map.of();
    }

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return "aisa-x-link demo sandbox";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
