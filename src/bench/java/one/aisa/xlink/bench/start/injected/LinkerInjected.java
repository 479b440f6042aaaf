package one.aisa.xlink.bench.start.injected;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import one.aisa.xlink.XAccountLinker;

/**
 * Injects the default account's linker, so the module checks its configuration at deployment, but
 * is not created at start-up: the linker and the module's runtime are never built.
 */
@ApplicationScoped
public class LinkerInjected {

    @Inject XAccountLinker linker;
}
