package one.aisa.xlink.internal.client;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import one.aisa.xlink.internal.config.Keys;

/**
 * Where the application's configuration keeps the Rest Client's error mapping on for every client
 * ({@code microprofile.rest.client.disable.default.mapper=false}, which takes precedence over
 * {@link UnmappedErrors}), maps each error status to an {@link ErrorStatus} holding the answer as
 * the Rest Client buffered it, instead of the default mapper's exception, which keeps neither body
 * nor headers. Otherwise handles nothing: any mapper that handles a status makes the Rest Client
 * read the whole body first.
 */
@Priority(1000)
public final class MappedErrors implements ResponseExceptionMapper<RuntimeException> {

    /** Whether the application's configuration keeps the default error mapping on. */
    private final boolean mapping =
            Keys.errorMappingKeptOn(
                    ConfigProvider.getConfig()
                            .getOptionalValue(Keys.DISABLE_DEFAULT_MAPPER, String.class));

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return mapping && status >= 400;
    }

    @Override
    public RuntimeException toThrowable(Response response) {
        return new ErrorStatus(response);
    }
}
