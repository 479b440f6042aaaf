package one.aisa.xlink.bench.start.module;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import one.aisa.xlink.XAccountLinker;

/**
 * Injects the default account's linker (so its configuration is checked at deployment) and creates
 * it, with the module's runtime and threads, while the application starts.
 */
@ApplicationScoped
public class LinkerAtStartup {

    @Inject XAccountLinker linker;

    void started(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // A call through the proxy creates the linker and the runtime behind it.
        linker.pendingLinks();
    }
}
