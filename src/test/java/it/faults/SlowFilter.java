package it.faults;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

/**
 * An application's request filter that holds every request to AIsa for {@link #HOLD_MILLIS}, longer
 * than the deadline its test configures: the request reaches the point of sending only after its
 * caller's deadline has passed.
 */
public class SlowFilter implements ClientRequestFilter {

    static final long HOLD_MILLIS = 1_500;

    @Override
    public void filter(ClientRequestContext request) throws java.io.IOException {
        try {
            Thread.sleep(HOLD_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while holding the request");
        }
    }
}
