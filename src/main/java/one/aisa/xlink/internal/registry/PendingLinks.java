package one.aisa.xlink.internal.registry;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import one.aisa.xlink.XLink;

/**
 * The links that are pending, across all accounts, in this server's memory, and the one scheduler
 * that expires them. The default {@link LinkRegistry}: nothing survives a restart and other servers
 * see nothing.
 *
 * <p>Thread-safe. {@link #close()} stops the scheduler; nothing is reported after it.
 */
public final class PendingLinks implements LinkRegistry {

    private static final System.Logger LOG = System.getLogger(PendingLinks.class.getName());

    private static final int ANNOUNCED = 1;
    private static final int COMPLETED = 2;
    private static final int CANCELLED = 4;
    private static final int EXPIRED = 8;
    private static final int ENDED = COMPLETED | CANCELLED | EXPIRED;

    /** How often the scheduler's thread wakes with nothing due; see the constructor. */
    private static final Duration IDLE_WAKE_UP = Duration.ofMinutes(1);

    private final Listener listener;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor scheduler;
    private final Map<String, Entry> byState = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param listener told about completed and expired links
     * @param clock the time links expire by
     * @param threads creates the scheduler's one thread
     */
    public PendingLinks(Listener listener, Clock clock, ThreadFactory threads) {
        this.listener = listener;
        this.clock = clock;
        this.scheduler = new ScheduledThreadPoolExecutor(1, threads);
        this.scheduler.setRemoveOnCancelPolicy(true);
        this.scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.scheduler.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        // A new task wakes the scheduler's thread when it becomes the earliest one queued. With
        // this one always due within a minute, a link expiring later than that (AIsa's live for
        // ten minutes) is queued without waking the thread, which otherwise would run once for
        // every link registered while no other link is pending.
        this.scheduler.scheduleWithFixedDelay(
                () -> {}, IDLE_WAKE_UP.toNanos(), IDLE_WAKE_UP.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public Optional<Handle> register(XLink link) {
        if (closed) {
            throw new IllegalStateException("the application is stopping");
        }
        Entry entry = new Entry(link);
        return byState.putIfAbsent(link.state(), entry) == null
                ? Optional.of(entry)
                : Optional.empty();
    }

    @Override
    public void announced(Handle handle) {
        Entry entry = (Entry) handle;
        int flags = entry.flags.getAndUpdate(f -> f | ANNOUNCED);
        if ((flags & ENDED) != 0) {
            report(entry, flags);
            return;
        }
        Duration delay = Duration.between(clock.instant(), entry.link.expiresAt());
        long nanos = delay.isNegative() ? 0 : saturatedNanos(delay);
        try {
            entry.expiry =
                    scheduler.schedule(() -> end(entry, EXPIRED), nanos, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Closed meanwhile: the application is stopping and fires no more events.
            byState.remove(entry.link.state(), entry);
            return;
        }
        if ((entry.flags.get() & ENDED) != 0) {
            entry.expiry.cancel(false);
        }
    }

    @Override
    public Optional<XLink> find(String account, String state) {
        Entry entry = byState.get(state);
        return entry != null && entry.link.account().equals(account) && !entry.ended()
                ? Optional.of(entry.link)
                : Optional.empty();
    }

    @Override
    public List<XLink> all(String account) {
        List<XLink> links = new ArrayList<>();
        for (Entry entry : byState.values()) {
            if (entry.link.account().equals(account) && !entry.ended()) {
                links.add(entry.link);
            }
        }
        return List.copyOf(links);
    }

    /** Returns how many links are pending across all accounts. */
    public int size() {
        return byState.size();
    }

    @Override
    public boolean end(String account, String state, End end) {
        Entry entry = byState.get(state);
        if (entry == null || !entry.link.account().equals(account)) {
            return false;
        }
        return end(
                entry,
                switch (end) {
                    case COMPLETED -> COMPLETED;
                    case CANCELLED -> CANCELLED;
                    case EXPIRED -> EXPIRED;
                });
    }

    /** Stops the scheduler and forgets every pending link; reports nothing from now on. */
    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "AISAX060: the expiry thread did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byState.clear();
    }

    private boolean end(Entry entry, int how) {
        int flags;
        do {
            flags = entry.flags.get();
            if ((flags & ENDED) != 0) {
                return false;
            }
        } while (!entry.flags.compareAndSet(flags, flags | how));
        byState.remove(entry.link.state(), entry);
        ScheduledFuture<?> expiry = entry.expiry;
        if (expiry != null && how != EXPIRED) {
            expiry.cancel(false);
        }
        if ((flags & ANNOUNCED) != 0) {
            report(entry, flags | how);
        }
        return true;
    }

    private void report(Entry entry, int flags) {
        if (closed || (flags & CANCELLED) != 0) {
            return;
        }
        End end = (flags & COMPLETED) != 0 ? End.COMPLETED : End.EXPIRED;
        try {
            listener.ended(entry.link, end);
        } catch (RuntimeException e) {
            // The listener isolates observers itself; this guards the scheduler thread regardless.
            LOG.log(
                    System.Logger.Level.WARNING,
                    "AISAX061: reporting an ended link failed: " + e.getClass().getName());
        }
    }

    private static long saturatedNanos(Duration delay) {
        try {
            return delay.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static final class Entry implements Handle {
        final XLink link;
        final AtomicInteger flags = new AtomicInteger();
        volatile ScheduledFuture<?> expiry;

        Entry(XLink link) {
            this.link = link;
        }

        boolean ended() {
            return (flags.get() & ENDED) != 0;
        }
    }
}
