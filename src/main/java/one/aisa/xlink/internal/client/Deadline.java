package one.aisa.xlink.internal.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The moment one request for a link must be over by, retries and body reading included. When it
 * passes, {@link #expire()} aborts whatever the request still has open, so no connection keeps
 * being read on its behalf.
 */
public final class Deadline {

    private final long endNanos;
    private final List<AutoCloseable> open = new ArrayList<>();
    private boolean expired;

    private Deadline(long endNanos) {
        this.endNanos = endNanos;
    }

    /** A deadline {@code timeout} from now. */
    public static Deadline after(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos());
    }

    /** Returns what is left; zero or negative once passed. */
    public Duration remaining() {
        return Duration.ofNanos(endNanos - System.nanoTime());
    }

    public boolean passed() {
        return endNanos - System.nanoTime() <= 0 || isExpired();
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

    private boolean isExpired() {
        synchronized (open) {
            return expired;
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
