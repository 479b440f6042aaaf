package one.aisa.xlink;

import java.time.Duration;
import java.util.Optional;

/**
 * AIsa, or X behind it, rate-limited the API key (HTTP 429). Wait at least {@link #retryAfter()}
 * when present, then retry.
 *
 * @since 0.1
 */
public class XLinkRateLimitException extends XLinkException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    /**
     * Creates the exception.
     *
     * @param message what went wrong and what to do; must hold no secret
     * @param errorType AIsa's error type, or {@code null}
     * @param errorCode AIsa's error code, or {@code null}
     * @param requestId AIsa's request id, or {@code null}
     * @param retryAfter how long AIsa asked to wait, or {@code null} if it gave no usable hint
     */
    public XLinkRateLimitException(
            String message,
            String errorType,
            String errorCode,
            String requestId,
            Duration retryAfter) {
        super(message, 429, errorType, errorCode, requestId, true, null);
        this.retryAfter = retryAfter;
    }

    /**
     * Returns how long AIsa asked to wait before the next call, from its {@code Retry-After}
     * header.
     *
     * @return the wait, or empty if AIsa gave no usable hint
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
