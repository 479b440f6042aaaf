package one.aisa.xlink.internal.events;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.ObserverMethod;

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
 *
 * <p>Which observers an event of an account reaches is resolved once, on its first firing
 * (observers are fixed once the application is deployed): an event nobody observes is not fired,
 * and no request context is activated for synchronous observers that do not exist.
 *
 * <p>A plain object of the runtime, not a bean: it takes what it fires with from the application's
 * {@link BeanManager}, the request-context controller only when a synchronous observer exists.
 */
public final class LinkEvents implements LinkRegistry.Listener {

    private static final System.Logger LOG = System.getLogger(LinkEvents.class.getName());

    private final BeanManager beans;
    private final Event<XLinkEvent> events;
    private final Map<Kind, Audience> audiences = new ConcurrentHashMap<>();
    private volatile Instance<RequestContextController> requestContexts;

    /**
     * @param beans the application's bean manager
     */
    public LinkEvents(BeanManager beans) {
        this.beans = beans;
        this.events = beans.getEvent().select(XLinkEvent.class);
    }

    /**
     * Fires {@link XLinkRequested} on the thread that received the link: the caller's for {@code
     * requestLink}, a call thread of the module for {@code requestLinkAsync}; a request context is
     * active for the synchronous observers either way.
     */
    public void requested(XLink link) {
        fire(new XLinkRequested(link));
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
        fire(event);
    }

    private void fire(XLinkEvent event) {
        Audience audience =
                audiences.computeIfAbsent(
                        new Kind(event.link().account(), event.getClass()),
                        kind -> audience(kind, event));
        if (audience.synchronous()) {
            fireInRequestContext(audience.event(), event);
        }
        if (audience.asynchronous()) {
            fireAsync(audience.event(), event);
        }
    }

    private Audience audience(Kind kind, XLinkEvent event) {
        XAccount qualifier = XAccount.Literal.of(kind.account());
        Set<ObserverMethod<? super XLinkEvent>> observers =
                beans.resolveObserverMethods(event, qualifier);
        return new Audience(
                events.select(qualifier),
                observers.stream().anyMatch(observer -> !observer.isAsync()),
                observers.stream().anyMatch(ObserverMethod::isAsync));
    }

    /** Fires to synchronous observers with a request context active, activating one if none is. */
    private void fireInRequestContext(Event<XLinkEvent> selected, XLinkEvent event) {
        Instance<RequestContextController> requestContexts = requestContexts();
        RequestContextController controller = requestContexts.get();
        boolean activated = controller.activate();
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
        } finally {
            if (activated) {
                controller.deactivate();
            }
            requestContexts.destroy(controller);
        }
    }

    private Instance<RequestContextController> requestContexts() {
        Instance<RequestContextController> current = requestContexts;
        if (current == null) {
            current = beans.createInstance().select(RequestContextController.class);
            requestContexts = current;
        }
        return current;
    }

    private static void fireAsync(Event<XLinkEvent> selected, XLinkEvent event) {
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

    /** Events of one type for one account. */
    private record Kind(String account, Class<?> type) {}

    /** Whom events of one kind reach, and the event to fire them with. */
    private record Audience(Event<XLinkEvent> event, boolean synchronous, boolean asynchronous) {}
}
