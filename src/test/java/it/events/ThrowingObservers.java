package it.events;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

import one.aisa.xlink.XLinkRequested;

/** Observers written carelessly by another team: they throw, quoting the link's secrets. */
@ApplicationScoped
public class ThrowingObservers {

    final AtomicInteger syncCalls = new AtomicInteger();
    final AtomicInteger asyncCalls = new AtomicInteger();

    void onRequested(@Observes XLinkRequested event) {
        syncCalls.incrementAndGet();
        throw new IllegalStateException(
                "cannot store " + event.link().state() + " for " + event.link().authUrl());
    }

    void onRequestedAsync(@ObservesAsync XLinkRequested event) {
        asyncCalls.incrementAndGet();
        throw new IllegalArgumentException("async observer failed on " + event.link().state());
    }

    public int syncCalls() {
        return syncCalls.get();
    }

    public int asyncCalls() {
        return asyncCalls.get();
    }
}
