package one.aisa.xlink.internal.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The moment one request for a link must be over by, retries and body reading included. When it
 * passes, {@link #expire()} aborts whatever the request still has open, so no connection keeps
 * being read on its behalf.
 *
 * <p>Something must call {@link #expire()} when the moment comes. Either the owner schedules that
 * itself ({@link #after}), or the deadline asks a timer for it only once a read is about to start
 * that the read timeout alone might not end before the deadline ({@link #watchedBy}): while more
 * than the read timeout is left, every read ends in time by itself, and the answer is read without
 * involving any other thread.
 */
public final class Deadline {

    private final Duration timeout;
    private final long endNanos;
    private final ScheduledExecutorService watchdog;
    private final long readTimeoutNanos;
    private final List<AutoCloseable> open = new ArrayList<>();
    private volatile boolean expired;
    private ScheduledFuture<?> watch;

    private Deadline(Duration timeout, ScheduledExecutorService watchdog, Duration readTimeout) {
        this.timeout = timeout;
        this.endNanos = System.nanoTime() + timeout.toNanos();
        this.watchdog = watchdog;
        this.readTimeoutNanos = saturatedNanos(readTimeout);
    }

    /** A deadline {@code timeout} from now, expired by whoever created it. */
    public static Deadline after(Duration timeout) {
        return new Deadline(timeout, null, Duration.ZERO);
    }

    /**
     * A deadline {@code timeout} from now that schedules its own expiry on {@code timer} the first
     * time a read could wait past it. Call {@link #finish()} when the request is over.
     *
     * @param readTimeout the longest one read waits before failing by itself
     */
    public static Deadline watchedBy(
            ScheduledExecutorService timer, Duration timeout, Duration readTimeout) {
        return new Deadline(timeout, timer, readTimeout);
    }

    /** Returns how long the request was given, from its start to this deadline. */
    public Duration timeout() {
        return timeout;
    }

    /** Returns what is left; zero or negative once passed. */
    public Duration remaining() {
        return Duration.ofNanos(endNanos - System.nanoTime());
    }

    public boolean passed() {
        return endNanos - System.nanoTime() <= 0 || expired;
    }

    /** Aborts everything registered, now and on later registration. */
    public void expire() {
        List<AutoCloseable> toClose;
        synchronized (open) {
            expired = true;
            toClose = new ArrayList<>(open);
            open.clear();
        }
        toClose.forEach(Deadline::closeQuietly);
    }

    /** Withdraws the expiry this deadline scheduled for itself, if it did. */
    public void finish() {
        ScheduledFuture<?> scheduled;
        synchronized (open) {
            scheduled = watch;
            watch = null;
        }
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }

    /**
     * Called before each read of an answer: when the read timeout alone might not end the read
     * before the deadline, makes sure that something expires the deadline on time. Does nothing for
     * a deadline its owner expires.
     */
    void beforeRead() {
        if (watchdog == null || endNanos - System.nanoTime() > readTimeoutNanos) {
            return;
        }
        synchronized (open) {
            if (watch != null || expired) {
                return;
            }
            try {
                watch =
                        watchdog.schedule(
                                this::expire, endNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // The module is stopping: it expires the deadlines of running requests itself.
            }
        }
    }

    /** Registers something to abort when the deadline expires; aborts it at once if it has. */
    void abortOnExpiry(AutoCloseable resource) {
        synchronized (open) {
            if (!expired) {
                open.add(resource);
                return;
            }
        }
        closeQuietly(resource);
    }

    /** Forgets a resource that was closed normally. */
    void release(AutoCloseable resource) {
        synchronized (open) {
            open.remove(resource);
        }
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            // Aborting is best effort: the connection is being discarded anyway.
        }
    }
}
