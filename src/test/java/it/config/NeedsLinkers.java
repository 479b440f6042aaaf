package it.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import one.aisa.xlink.XAccount;
import one.aisa.xlink.XAccountLinker;

/** Injects two linkers, so that their configuration is checked at deployment. */
@ApplicationScoped
public class NeedsLinkers {

    @Inject XAccountLinker linker;

    @Inject
    @XAccount("ops")
    XAccountLinker ops;
}
