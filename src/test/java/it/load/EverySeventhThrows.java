package it.load;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

import one.aisa.xlink.XLinkEvent;

/**
 * An application observer, synchronous and asynchronous, that throws on every seventh event it
 * receives. It counts every call before deciding, by event type.
 */
@ApplicationScoped
public class EverySeventhThrows {

    private final AtomicLong syncCalls = new AtomicLong();
    private final AtomicLong asyncCalls = new AtomicLong();
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

    void sync(@Observes XLinkEvent event) {
        receive(event, syncCalls, false);
    }

    void async(@ObservesAsync XLinkEvent event) {
        receive(event, asyncCalls, true);
    }

    /** How many events of this type reached the observer of this delivery. */
    public long calls(Class<? extends XLinkEvent> type, boolean async) {
        LongAdder count = calls.get(type.getSimpleName() + (async ? "/async" : "/sync"));
        return count == null ? 0 : count.sum();
    }

    private void receive(XLinkEvent event, AtomicLong counter, boolean async) {
        calls.computeIfAbsent(
                        event.getClass().getSimpleName() + (async ? "/async" : "/sync"),
                        k -> new LongAdder())
                .increment();
        long number = counter.incrementAndGet();
        if (number % 7 == 0) {
            throw new IllegalStateException("observer refuses event number " + number);
        }
    }
}
