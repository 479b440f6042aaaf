package one.aisa.xlink.internal.client;

import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;

import one.aisa.xlink.internal.config.Keys;

/**
 * Turns off, for the module's Rest Client only, the default mapping of statuses of 400 and above to
 * exceptions. A mapped status has its whole body read into memory by the Rest Client before any
 * mapper sees it, with no bound on size or time; unmapped, the answer comes back as an unread
 * {@code Response}, whose body the module reads under the request's limit and deadline like any
 * other.
 *
 * <p>The property is the one the MicroProfile Rest Client specification defines; a builder reads it
 * after registering the interface's providers. Where an application sets it to {@code false} in its
 * configuration, which takes precedence, {@link MappedErrors} takes over: errors then arrive
 * buffered, and {@code requestLink} makes its attempts on call threads only, so that the buffering
 * cannot hold its caller past the deadline.
 */
public final class UnmappedErrors implements Feature {

    @Override
    public boolean configure(FeatureContext context) {
        context.property(Keys.DISABLE_DEFAULT_MAPPER, Boolean.TRUE);
        return true;
    }
}
