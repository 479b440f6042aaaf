package it.lifecycle;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Destroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

import one.aisa.xlink.XLinkEvent;

/**
 * Observes the link events of one deployment of the redeployed application. The observers are
 * static, so the container can still call them when no bean of the stopped application exists; an
 * event that arrives after the application context was destroyed counts as late in a counter that
 * survives the application.
 */
public class CycleObservers {

    private static final AtomicInteger seenHere = new AtomicInteger();
    private static volatile boolean destroyed;

    static void sync(@Observes XLinkEvent event) {
        record();
    }

    static void async(@ObservesAsync XLinkEvent event) {
        record();
    }

    static void destroyed(@Observes @Destroyed(ApplicationScoped.class) Object application) {
        destroyed = true;
        ServerCounters.increment(ServerCounters.STOPPED);
    }

    /** Link events this deployment observed so far. */
    static int seenHere() {
        return seenHere.get();
    }

    /** Waits until this deployment observed {@code count} link events, or the timeout passes. */
    static boolean awaitSeen(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (seenHere.get() < count) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return true;
    }

    private static void record() {
        seenHere.incrementAndGet();
        ServerCounters.increment(ServerCounters.EVENTS);
        if (destroyed) {
            ServerCounters.increment(ServerCounters.LATE_EVENTS);
        }
    }
}
