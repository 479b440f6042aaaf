package it.linker;

import java.io.Serializable;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import one.aisa.xlink.XAccount;
import one.aisa.xlink.XAccountLinker;

/**
 * What a passivated session holds: an object with linkers in its fields, written out and read back
 * with the session's state.
 */
@Dependent
public class LinkHolder implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject XAccountLinker linker;

    @Inject
    @XAccount("brand")
    XAccountLinker brand;
}
