package one.aisa.xlink.internal.client;

import java.time.Duration;

/** The moment one request for a link must be over by, retries and body reading included. */
public final class Deadline {

    private final long endNanos;

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
        return endNanos - System.nanoTime() <= 0;
    }
}
