package one.aisa.xlink.demo;

import java.lang.System.Logger.Level;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Says once, at startup, whether the demo talks to its sandbox or to AIsa, and why. */
@ApplicationScoped
public class DemoStartup {

    private static final System.Logger LOG = System.getLogger(DemoStartup.class.getName());

    @Inject
    @ConfigProperty(name = "aisa.base-url", defaultValue = "https://api.aisa.one/apis/v1")
    private String baseUrl;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        DemoSettings settings = DemoSettings.current();
        LOG.log(
                Level.INFO,
                "aisa-x-link demo on {0}/ requests links from {1} ({2} mode: {3})",
                settings.origin(),
                baseUrl,
                settings.sandbox() ? "sandbox" : "real",
                settings.reason());
    }
}
