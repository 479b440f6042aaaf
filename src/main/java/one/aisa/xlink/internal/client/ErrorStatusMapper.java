package one.aisa.xlink.internal.client;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * Replaces the Rest Client's default mapping of error statuses, which would throw a bare {@code
 * WebApplicationException}, by an {@link ErrorStatus} holding the read answer.
 */
@Priority(1000)
public final class ErrorStatusMapper implements ResponseExceptionMapper<RuntimeException> {

    /** Error bodies are read only this far: what identifies an error fits in far less. */
    static final int ERROR_BODY_LIMIT = 64 * 1024;

    /**
     * Error bodies are read without a deadline of their own: the caller is released by the
     * request's deadline regardless, and the size limit bounds the read.
     */
    static final Deadline NO_DEADLINE = Deadline.after(java.time.Duration.ofDays(365));

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }

    @Override
    public RuntimeException toThrowable(Response response) {
        try {
            return new ErrorStatus(RawReply.read(response, ERROR_BODY_LIMIT, NO_DEADLINE));
        } catch (IOException e) {
            return new UncheckedIOException(e);
        }
    }
}
