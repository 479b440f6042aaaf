package one.aisa.xlink.internal.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * How one request for a link may use the network.
 *
 * @param callTimeout the overall deadline of one request, retries included
 * @param maxAttempts how many calls one request may make, the first included
 * @param initialBackoff the wait before the first retry; doubled for each further retry
 * @param maxWait the longest {@code Retry-After} honoured; a longer one fails at once
 * @param maxResponseBytes the largest success body read; a larger one is refused unread
 * @param connectTimeout the Rest Client's connect timeout, or {@link #UNBOUNDED}
 * @param readTimeout the Rest Client's read timeout (the longest one read may wait), or {@link
 *     #UNBOUNDED}
 * @param errorsBuffered whether the Rest Client reads error bodies whole before the module sees
 *     them, because the application keeps its default error mapping on
 */
public record CallPolicy(
        Duration callTimeout,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxWait,
        int maxResponseBytes,
        Duration connectTimeout,
        Duration readTimeout,
        boolean errorsBuffered) {

    /** A wait the Rest Client does not bound. */
    public static final Duration UNBOUNDED = ChronoUnit.FOREVER.getDuration();

    /**
     * Whether an attempt may run on the calling thread with {@code remaining} left: only if the
     * Rest Client gives up waiting for an answer before the deadline would, and leaves every body
     * for the module to read under the deadline.
     */
    public boolean clientTimesOutWithin(Duration remaining) {
        return !errorsBuffered && clientWaitLimit().compareTo(remaining) <= 0;
    }

    /** The longest the Rest Client may wait before an answer starts: connect plus read timeout. */
    public Duration clientWaitLimit() {
        return connectTimeout.equals(UNBOUNDED) || readTimeout.equals(UNBOUNDED)
                ? UNBOUNDED
                : connectTimeout.plus(readTimeout);
    }
}
