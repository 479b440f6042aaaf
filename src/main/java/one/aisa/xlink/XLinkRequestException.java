package one.aisa.xlink;

/**
 * AIsa rejected the request (an HTTP 4xx other than 401, 403 and 429), for example because a scope
 * is not supported. Change the request; retrying it unchanged will not help.
 *
 * @since 0.1
 */
public class XLinkRequestException extends XLinkException {

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
    public XLinkRequestException(
            String message,
            int httpStatus,
            String errorType,
            String errorCode,
            String requestId,
            Throwable cause) {
        super(message, httpStatus, errorType, errorCode, requestId, false, cause);
    }
}
