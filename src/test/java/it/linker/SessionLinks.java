package it.linker;

import java.io.Serializable;

import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Inject;

import one.aisa.xlink.XAccountLinker;

/**
 * A session-scoped bean that keeps a linker in a field, as a web application's per-user state
 * might: the container deploys it only if the linker bean may be passivated with the session.
 */
@SessionScoped
public class SessionLinks implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject XAccountLinker linker;

    String account() {
        return linker.account();
    }
}
