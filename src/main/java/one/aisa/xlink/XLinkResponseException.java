package one.aisa.xlink;

/**
 * AIsa answered with success (HTTP 2xx) but the answer is not a usable link: not JSON, a wrong
 * shape, a missing or contradictory field, an {@code auth_url} on a host that is not allowed, or a
 * state that is already pending. Report it; retrying rarely helps.
 *
 * @since 0.1
 */
public class XLinkResponseException extends XLinkException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong and what to do; must hold no secret
     * @param httpStatus the HTTP status AIsa answered with, or 0 if there was no answer
     * @param errorType AIsa's error type, or {@code null}
     * @param errorCode AIsa's error code, or {@code null}
     * @param requestId AIsa's request id, or {@code null}
     * @param cause the underlying failure, or {@code null}; must hold no secret
     */
    public XLinkResponseException(
            String message,
            int httpStatus,
            String errorType,
            String errorCode,
            String requestId,
            Throwable cause) {
        super(message, httpStatus, errorType, errorCode, requestId, false, cause);
    }
}
