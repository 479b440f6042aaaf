package one.aisa.xlink.internal.retry;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

import one.aisa.xlink.XLinkException;
import one.aisa.xlink.XLinkRateLimitException;
import one.aisa.xlink.XLinkResponseException;
import one.aisa.xlink.internal.config.CallPolicy;

/**
 * Decides whether a failed attempt is tried again, and after how long. Retries only what may
 * succeed later: rate limits (after {@code Retry-After}), unavailability (5xx, network failures,
 * timeouts, bodies cut short). Never other 4xx, nor a well-formed answer that is not a link.
 */
final class RetryRule {

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final CallPolicy policy;
    private final DoubleSupplier random;

    /**
     * @param policy attempts, backoff and waits
     * @param random uniform in [0, 1), for the ±25 % jitter
     */
    RetryRule(CallPolicy policy, DoubleSupplier random) {
        this.policy = policy;
        this.random = random;
    }

    /**
     * Returns how long to wait before the next attempt, or empty to give up now.
     *
     * @param attemptsMade attempts made so far, at least 1
     * @param failure why the last attempt failed
     * @param remaining time left before the request's deadline
     */
    Optional<Duration> waitBeforeNext(
            int attemptsMade, XLinkException failure, Duration remaining) {
        if (!failure.isRetryable()
                || failure instanceof XLinkResponseException
                || attemptsMade >= policy.maxAttempts()) {
            return Optional.empty();
        }
        Duration wait;
        if (failure instanceof XLinkRateLimitException limited
                && limited.retryAfter().isPresent()) {
            wait = limited.retryAfter().get();
            if (wait.compareTo(policy.maxWait()) > 0) {
                return Optional.empty();
            }
        } else {
            wait = backoff(attemptsMade);
        }
        return wait.compareTo(remaining) < 0 ? Optional.of(wait) : Optional.empty();
    }

    /** Initial backoff doubled per retry, capped, then spread by ±25 %. */
    private Duration backoff(int attemptsMade) {
        Duration base = policy.initialBackoff();
        for (int i = 1; i < attemptsMade && base.compareTo(MAX_BACKOFF) < 0; i++) {
            base = base.multipliedBy(2);
        }
        if (base.compareTo(MAX_BACKOFF) > 0) {
            base = MAX_BACKOFF;
        }
        double factor = 0.75 + 0.5 * random.getAsDouble();
        return Duration.ofNanos((long) (base.toNanos() * factor));
    }
}
