package it.faults;

import java.io.IOException;
import java.io.InterruptedIOException;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;

/**
 * An application's request filter and writer interceptor, registered on the module's Rest Client,
 * that hold each request to AIsa for {@link #HOLD_MILLIS}, longer than the deadline its test
 * configures, in the stage the test chooses: the request reaches the point of sending only after
 * its caller's deadline has passed.
 */
public class SlowProvider implements ClientRequestFilter, WriterInterceptor {

    static final long HOLD_MILLIS = 1_500;

    /** Where a request is held. */
    enum Stage {
        FILTER,
        WRITER
    }

    static volatile Stage holdIn = Stage.FILTER;

    @Override
    public void filter(ClientRequestContext request) throws IOException {
        if (holdIn == Stage.FILTER) {
            hold();
        }
    }

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        if (holdIn == Stage.WRITER) {
            hold();
        }
        context.proceed();
    }

    private static void hold() throws InterruptedIOException {
        try {
            Thread.sleep(HOLD_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while holding the request");
        }
    }
}
