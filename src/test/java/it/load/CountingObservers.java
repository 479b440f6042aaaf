package it.load;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

import one.aisa.xlink.XLinkEvent;

/**
 * Counts the link events the application receives, by event type and by delivery (synchronous or
 * asynchronous): the distinct states seen, and how often a state arrived again for the same type
 * and delivery.
 */
@ApplicationScoped
public class CountingObservers {

    private final Map<String, Set<String>> states = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> repeats = new ConcurrentHashMap<>();

    void sync(@Observes XLinkEvent event) {
        record(event, false);
    }

    void async(@ObservesAsync XLinkEvent event) {
        record(event, true);
    }

    /** The distinct states seen for this event type and delivery. */
    public Set<String> states(Class<? extends XLinkEvent> type, boolean async) {
        return Set.copyOf(states.getOrDefault(key(type, async), Set.of()));
    }

    /** How many distinct states were seen for this event type and delivery. */
    public int count(Class<? extends XLinkEvent> type, boolean async) {
        Set<String> seen = states.get(key(type, async));
        return seen == null ? 0 : seen.size();
    }

    /** How many times a state arrived that had already arrived for this type and delivery. */
    public long repeats(Class<? extends XLinkEvent> type, boolean async) {
        LongAdder count = repeats.get(key(type, async));
        return count == null ? 0 : count.sum();
    }

    private void record(XLinkEvent event, boolean async) {
        String key = key(event.getClass(), async);
        boolean first =
                states.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet())
                        .add(event.link().state());
        if (!first) {
            repeats.computeIfAbsent(key, k -> new LongAdder()).increment();
        }
    }

    private static String key(Class<?> type, boolean async) {
        return type.getSimpleName() + (async ? "/async" : "/sync");
    }
}
