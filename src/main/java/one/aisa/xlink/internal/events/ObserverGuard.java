package one.aisa.xlink.internal.events;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.inject.spi.EventContext;
import jakarta.enterprise.inject.spi.ObserverMethod;

import one.aisa.xlink.XLinkEvent;

/**
 * Runs one application observer of a link event so that its failure stays its own: it is logged,
 * and neither the caller nor other observers see it. The first failure of an observer is a WARNING;
 * later ones are logged at FINE with a running count, so a broken observer cannot flood the log.
 * Messages are logged with the event's state and URL removed.
 */
public final class ObserverGuard<T> {

    private final ObserverMethod<T> observer;
    private final String description;
    private final AtomicLong failures = new AtomicLong();

    public ObserverGuard(ObserverMethod<T> observer) {
        this.observer = observer;
        this.description =
                observer.getBeanClass().getName()
                        + (observer.isAsync() ? " (asynchronous observer of " : " (observer of ")
                        + observer.getObservedType().getTypeName()
                        + ")";
    }

    /** Notifies the observer, absorbing what it throws. */
    public void notify(EventContext<T> context) {
        try {
            observer.notify(context);
        } catch (Throwable failure) {
            if (failure instanceof VirtualMachineError error) {
                throw error;
            }
            record(context.getEvent(), failure);
        }
    }

    /** Returns how many times the observer has failed. */
    public long failures() {
        return failures.get();
    }

    /** Holds the logger, which only a failing observer needs, so deployment does not create it. */
    private static final class Log {
        static final System.Logger LOG = System.getLogger(ObserverGuard.class.getName());
    }

    private void record(Object event, Throwable failure) {
        long count = failures.incrementAndGet();
        Throwable shown =
                Redaction.redacted(failure, event instanceof XLinkEvent e ? e.link() : null);
        if (count == 1) {
            Log.LOG.log(
                    System.Logger.Level.WARNING,
                    "AISAX050: "
                            + description
                            + " threw on "
                            + event.getClass().getSimpleName()
                            + "; the event went on to the other observers. Later failures of this"
                            + " observer are logged at FINE.",
                    shown);
        } else {
            Log.LOG.log(
                    System.Logger.Level.DEBUG,
                    () ->
                            "AISAX050: "
                                    + description
                                    + " threw on "
                                    + event.getClass().getSimpleName()
                                    + " again ("
                                    + count
                                    + " failures so far): "
                                    + shown);
        }
    }
}
