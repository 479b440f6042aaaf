package one.aisa.xlink.internal.client;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * Replaces the Rest Client's default mapping of error statuses, which would throw a bare {@code
 * WebApplicationException}, by an {@link ErrorStatus} holding the unread answer.
 */
@Priority(1000)
public final class ErrorStatusMapper implements ResponseExceptionMapper<RuntimeException> {

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }

    @Override
    public RuntimeException toThrowable(Response response) {
        return new ErrorStatus(response);
    }
}
