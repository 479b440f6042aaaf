package it.support;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.context.spi.Context;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.EventMetadata;
import jakarta.inject.Inject;

import one.aisa.xlink.XAccount;
import one.aisa.xlink.XLinkEvent;

/** Records every link event the application observes, with how and where it was observed. */
@ApplicationScoped
public class RecordedEvents {

    /** One observed event. */
    public record Seen(
            XLinkEvent event,
            boolean async,
            String account,
            boolean requestContextActive,
            String thread) {

        public String kind() {
            return event.getClass().getSimpleName();
        }

        public String state() {
            return event.link().state();
        }
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    @Inject BeanManager beans;

    void sync(@Observes XLinkEvent event, EventMetadata metadata) {
        seen.add(
                new Seen(
                        event,
                        false,
                        account(metadata),
                        requestActive(),
                        Thread.currentThread().getName()));
    }

    void async(@ObservesAsync XLinkEvent event, EventMetadata metadata) {
        seen.add(
                new Seen(
                        event,
                        true,
                        account(metadata),
                        requestActive(),
                        Thread.currentThread().getName()));
    }

    public List<Seen> all() {
        return List.copyOf(seen);
    }

    public List<Seen> matching(Predicate<Seen> filter) {
        return seen.stream().filter(filter).toList();
    }

    public void clear() {
        seen.clear();
    }

    /** Waits until at least {@code count} recorded events match, or the timeout passes. */
    public List<Seen> await(Predicate<Seen> filter, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Seen> found = matching(filter);
        while (found.size() < count && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            found = matching(filter);
        }
        return found;
    }

    private static String account(EventMetadata metadata) {
        for (Annotation qualifier : metadata.getQualifiers()) {
            if (qualifier instanceof XAccount account) {
                return account.value();
            }
        }
        return null;
    }

    private boolean requestActive() {
        try {
            Context context = beans.getContext(RequestScoped.class);
            return context.isActive();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
