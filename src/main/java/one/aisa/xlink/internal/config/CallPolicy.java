package one.aisa.xlink.internal.config;

import java.time.Duration;

/**
 * How one request for a link may use the network.
 *
 * @param callTimeout the overall deadline of one request, retries included
 * @param maxAttempts how many calls one request may make, the first included
 * @param initialBackoff the wait before the first retry; doubled for each further retry
 * @param maxWait the longest {@code Retry-After} honoured; a longer one fails at once
 * @param maxResponseBytes the largest success body read; a larger one is refused unread
 */
public record CallPolicy(
        Duration callTimeout,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxWait,
        int maxResponseBytes) {}
