package one.aisa.xlink.internal.events;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import one.aisa.xlink.XAccount;
import one.aisa.xlink.XLink;
import one.aisa.xlink.XLinkCompleted;
import one.aisa.xlink.XLinkEvent;
import one.aisa.xlink.XLinkExpired;
import one.aisa.xlink.XLinkRequested;
import one.aisa.xlink.internal.registry.LinkRegistry;

/**
 * Fires the link events, synchronously and then asynchronously, qualified with the link's account.
 * Observers are isolated by {@link ObserverGuard}, so firing never throws into the caller or the
 * expiry thread.
 */
@ApplicationScoped
public class LinkEvents implements LinkRegistry.Listener {

    private static final System.Logger LOG = System.getLogger(LinkEvents.class.getName());

    private Event<XLinkEvent> events;
    private Instance<RequestContextController> requestContexts;
    private final Map<String, Event<XLinkEvent>> byAccount = new ConcurrentHashMap<>();

    /** For the container's client proxy. */
    protected LinkEvents() {}

    @Inject
    LinkEvents(Event<XLinkEvent> events, Instance<RequestContextController> requestContexts) {
        this.events = events;
        this.requestContexts = requestContexts;
    }

    /**
     * Fires {@link XLinkRequested} on the thread that received the link: the caller's for {@code
     * requestLink}, a call thread of the module for {@code requestLinkAsync}; a request context is
     * active for the synchronous observers either way.
     */
    public void requested(XLink link) {
        fireInRequestContext(new XLinkRequested(link));
    }

    /**
     * Fires {@link XLinkCompleted} or {@link XLinkExpired}. Runs on the caller's thread for a
     * completion and on the expiry thread for an expiry, with a request context active for the
     * synchronous observers either way.
     */
    @Override
    public void ended(XLink link, LinkRegistry.End end) {
        XLinkEvent event =
                end == LinkRegistry.End.COMPLETED
                        ? new XLinkCompleted(link)
                        : new XLinkExpired(link);
        fireInRequestContext(event);
    }

    /** Fires with a request context active, activating one only where none is. */
    private void fireInRequestContext(XLinkEvent event) {
        RequestContextController controller = requestContexts.get();
        boolean activated = controller.activate();
        try {
            fire(event);
        } finally {
            if (activated) {
                controller.deactivate();
            }
            requestContexts.destroy(controller);
        }
    }

    private void fire(XLinkEvent event) {
        Event<XLinkEvent> selected =
                byAccount.computeIfAbsent(
                        event.link().account(),
                        account -> events.select(XAccount.Literal.of(account)));
        try {
            selected.fire(event);
        } catch (RuntimeException e) {
            // Guarded observers do not throw; an observer the guard could not wrap might.
            LOG.log(
                    System.Logger.Level.WARNING,
                    () ->
                            "AISAX051: an observer of "
                                    + event.getClass().getSimpleName()
                                    + " threw "
                                    + e.getClass().getName()
                                    + " past the module's guard");
        }
        selected.fireAsync(event)
                .exceptionally(
                        failure -> {
                            LOG.log(
                                    System.Logger.Level.WARNING,
                                    () ->
                                            "AISAX052: an asynchronous observer of "
                                                    + event.getClass().getSimpleName()
                                                    + " failed with "
                                                    + failure.getClass().getName());
                            return null;
                        });
    }
}
