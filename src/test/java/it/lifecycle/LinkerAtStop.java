package it.lifecycle;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import one.aisa.xlink.XAccountLinker;

/**
 * Calls the linker while the application stops, from its own {@code @PreDestroy}, and records what
 * happened in a system property named after the deployment. With {@code it.stopping.warm} the
 * linker is used as the application starts, so the module's runtime exists before the stop; without
 * it the stop is the linker's first use.
 */
@ApplicationScoped
public class LinkerAtStop {

    /** Prefix of the system properties the outcomes are recorded in. */
    public static final String OUTCOME = "it.stopping.outcome.";

    @Inject XAccountLinker linker;

    @Inject
    @ConfigProperty(name = "it.stopping.name")
    String name;

    @Inject
    @ConfigProperty(name = "it.stopping.warm")
    boolean warm;

    void started(@Observes @Initialized(ApplicationScoped.class) Object application) {
        if (warm) {
            linker.pendingLinks();
        }
    }

    @PreDestroy
    void stopping() {
        String outcome;
        try {
            outcome = "returned " + linker.requestLink();
        } catch (RuntimeException e) {
            outcome = e.getClass().getName() + ": " + e.getMessage();
        }
        System.setProperty(OUTCOME + name, outcome);
    }
}
