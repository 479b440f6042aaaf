package one.aisa.xlink.internal.client;

import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;

/**
 * Turns off, for the module's Rest Client only, the default mapping of statuses of 400 and above to
 * exceptions. A mapped status has its whole body read into memory by the Rest Client before any
 * mapper sees it, with no bound on size or time; unmapped, the answer comes back as an unread
 * {@code Response}, whose body the module reads under the request's limit and deadline like any
 * other.
 *
 * <p>The property is the one the MicroProfile Rest Client specification defines; a builder reads it
 * after registering the interface's providers. Where an application sets it to {@code false} in its
 * configuration, which takes precedence, errors arrive as a {@code WebApplicationException}
 * instead, and {@link AisaGateway} reads their (buffered) answer from that.
 */
public final class UnmappedErrors implements Feature {

    static final String DISABLE_DEFAULT_MAPPER = "microprofile.rest.client.disable.default.mapper";

    @Override
    public boolean configure(FeatureContext context) {
        context.property(DISABLE_DEFAULT_MAPPER, Boolean.TRUE);
        return true;
    }
}
