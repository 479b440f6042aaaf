package it.secrets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

import one.aisa.xlink.XLink;
import one.aisa.xlink.XLinkEvent;

/**
 * An observer that fails on every link event, synchronous or asynchronous, and puts the link's
 * state and URL into its message, its cause and a suppressed exception.
 */
@ApplicationScoped
public class LeakyObserver {

    void sync(@Observes XLinkEvent event) {
        throw failure(event.link());
    }

    void async(@ObservesAsync XLinkEvent event) {
        throw failure(event.link());
    }

    private static IllegalStateException failure(XLink link) {
        IllegalStateException failure =
                new IllegalStateException(
                        "cannot store state " + link.state() + " for " + link.authUrl(),
                        new IllegalArgumentException("rejected " + link.authUrl()));
        failure.addSuppressed(new IllegalStateException("also failed for " + link.state()));
        return failure;
    }
}
