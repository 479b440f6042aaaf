package one.aisa.xlink;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Why a link could not be requested. Each subclass calls for a different reaction:
 *
 * <table>
 *   <caption>Subclasses</caption>
 *   <tr><th>Type</th><th>When</th><th>What to do</th></tr>
 *   <tr><td>{@link XLinkConfigException}</td><td>configuration missing or malformed</td>
 *       <td>fix the named key</td></tr>
 *   <tr><td>{@link XLinkAuthException}</td><td>HTTP 401</td><td>fix or rotate the API key</td></tr>
 *   <tr><td>{@link XLinkForbiddenException}</td><td>HTTP 403</td>
 *       <td>check the key's permissions</td></tr>
 *   <tr><td>{@link XLinkRequestException}</td><td>other HTTP 4xx except 429</td>
 *       <td>fix the request (for example an unsupported scope)</td></tr>
 *   <tr><td>{@link XLinkRateLimitException}</td><td>HTTP 429</td>
 *       <td>wait {@link XLinkRateLimitException#retryAfter()}, then retry</td></tr>
 *   <tr><td>{@link XLinkUnavailableException}</td><td>HTTP 5xx, network failure, timeout</td>
 *       <td>retry later</td></tr>
 *   <tr><td>{@link XLinkResponseException}</td><td>a 2xx answer that is not a usable link</td>
 *       <td>report it; retrying rarely helps</td></tr>
 * </table>
 *
 * <p>Messages start with a stable code ({@code AISAX...}), say what went wrong and what to do, and
 * never contain the API key, a link's state or its URL; neither do their causes.
 *
 * @since 0.1
 */
public class XLinkException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final String errorType;
    private final String errorCode;
    private final String requestId;
    private final boolean retryable;
    private volatile int attempts = 1;

    /**
     * Creates an exception.
     *
     * @param message what went wrong and what to do; must hold no secret
     * @param httpStatus the HTTP status AIsa answered with, or 0 if there was no answer
     * @param errorType AIsa's error type, or {@code null}
     * @param errorCode AIsa's error code, or {@code null}
     * @param requestId AIsa's request id, or {@code null}
     * @param retryable whether the same call may succeed later
     * @param cause the underlying failure, or {@code null}; must hold no secret
     */
    protected XLinkException(
            String message,
            int httpStatus,
            String errorType,
            String errorCode,
            String requestId,
            boolean retryable,
            Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorType = errorType;
        this.errorCode = errorCode;
        this.requestId = requestId;
        this.retryable = retryable;
    }

    /**
     * Returns the HTTP status of AIsa's answer.
     *
     * @return the status, or empty if no answer arrived (or the failure is not about a call)
     */
    public OptionalInt httpStatus() {
        return httpStatus > 0 ? OptionalInt.of(httpStatus) : OptionalInt.empty();
    }

    /**
     * Returns AIsa's error type, such as {@code authentication_error}.
     *
     * @return the type, or empty if the answer carried none
     */
    public Optional<String> errorType() {
        return Optional.ofNullable(errorType);
    }

    /**
     * Returns AIsa's machine-readable error code, such as {@code invalid_api_key}.
     *
     * @return the code, or empty if the answer carried none
     */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    /**
     * Returns the request id AIsa assigned, for support requests.
     *
     * @return the id, or empty if the answer carried none
     */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /**
     * Tells whether the same call may succeed if made again later.
     *
     * @return true for rate limits and unavailability, false for everything the caller must fix
     */
    public boolean isRetryable() {
        return retryable;
    }

    /**
     * Returns how many calls to AIsa were made before this exception was thrown.
     *
     * @return at least 1 for failures of a call; 0 if no call was made
     */
    public int attempts() {
        return attempts;
    }

    /**
     * Records how many calls were made. For the module's own use.
     *
     * @param attempts the number of calls made
     * @return this exception
     */
    public XLinkException withAttempts(int attempts) {
        this.attempts = attempts;
        return this;
    }
}
