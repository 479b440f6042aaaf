package one.aisa.xlink.demo;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

import one.aisa.xlink.XLinkCompleted;
import one.aisa.xlink.XLinkEvent;
import one.aisa.xlink.XLinkExpired;
import one.aisa.xlink.XLinkRequested;

/**
 * Observes every link event, synchronously and asynchronously, and keeps the latest {@value
 * #CAPACITY} for the page.
 *
 * <p>An observer without a qualifier receives the events of every account. Thread-safe: the
 * asynchronous observers run on the container's threads.
 */
@ApplicationScoped
public class EventLog {

    /** How many events are kept; older ones are dropped. */
    public static final int CAPACITY = 200;

    private final Deque<ObservedEvent> events = new ArrayDeque<>();
    private long sequence;

    void onRequested(@Observes XLinkRequested event) {
        record(event, "sync");
    }

    void onRequestedAsync(@ObservesAsync XLinkRequested event) {
        record(event, "async");
    }

    void onCompleted(@Observes XLinkCompleted event) {
        record(event, "sync");
    }

    void onCompletedAsync(@ObservesAsync XLinkCompleted event) {
        record(event, "async");
    }

    void onExpired(@Observes XLinkExpired event) {
        record(event, "sync");
    }

    void onExpiredAsync(@ObservesAsync XLinkExpired event) {
        record(event, "async");
    }

    /**
     * Returns the kept events observed after the given one, oldest first.
     *
     * @param afterSequence the last sequence number the caller has seen, or 0
     * @return a snapshot
     */
    public synchronized List<ObservedEvent> after(long afterSequence) {
        List<ObservedEvent> newer = new ArrayList<>();
        for (ObservedEvent event : events) {
            if (event.sequence() > afterSequence) {
                newer.add(event);
            }
        }
        return newer;
    }

    private synchronized void record(XLinkEvent event, String delivery) {
        if (events.size() == CAPACITY) {
            events.removeFirst();
        }
        events.addLast(
                new ObservedEvent(
                        ++sequence,
                        event.getClass().getSimpleName(),
                        delivery,
                        event.link().account(),
                        event.link().subject().orElse(null),
                        Handles.of(event.link()),
                        Instant.now()));
    }
}
