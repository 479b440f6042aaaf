package one.aisa.xlink.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import one.aisa.xlink.XLinkConfigException;
import one.aisa.xlink.internal.cdi.XLinkExtension;
import one.aisa.xlink.internal.config.RegistrySettings;

/**
 * Starts a database registry with the application rather than with its first linker, so a server
 * that starts or restarts takes part in expiring the links in the table at once. The in-memory
 * registry has nothing to pick up and still starts with the first linker.
 */
@Dependent
class RegistryStartup {

    void started(
            @Observes @Initialized(ApplicationScoped.class) Object application,
            XLinkExtension extension,
            Instance<LinkerRuntime> runtime) {
        RegistrySettings settings;
        try {
            settings = extension.configuration().registry();
        } catch (XLinkConfigException e) {
            return; // reported at deployment or on first use
        }
        if (settings.kind() == RegistrySettings.Kind.JDBC) {
            runtime.get().started();
        }
    }
}
