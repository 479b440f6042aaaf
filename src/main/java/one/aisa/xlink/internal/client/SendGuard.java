package one.aisa.xlink.internal.client;

import java.io.IOException;
import java.io.Serial;
import java.time.Duration;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;

import one.aisa.xlink.XLinkUnavailableException;

/**
 * Stops a request whose deadline has passed by the time the Rest Client is about to send it, and
 * says why an attempt was not sent ({@code AISAX019}).
 *
 * <p>An attempt on a call thread checks its deadline before it starts, but it may still reach the
 * Rest Client after its caller has been told, at the deadline, that the request failed; sent then,
 * it could make AIsa issue a link that nothing tracks. The guard checks twice on the thread that
 * sends, each time after the application's own providers of the kind: as the last request filter,
 * and as the last writer interceptor, which on Open Liberty's Rest Client runs as the body is
 * written out, before a connection is taken. Either refuses such a request unsent.
 *
 * <p>Limitation: the Rest Client still connects and sends after the last check, and nothing in
 * JAX-RS can abort a connection it has not handed out yet. An attempt that passes the check just
 * before its deadline may therefore reach AIsa after its caller was told, at most the connect
 * timeout later ({@code aisa/mp-rest/connectTimeout}); to a reachable AIsa, far less. An
 * application provider registered with the same priority as the guard's ({@link Integer#MAX_VALUE})
 * may run after it.
 *
 * <p>The deadline reaches the filter through the sending thread ({@link #attempting}), since a
 * filter sees only the request. Open Liberty's Rest Client runs the filters of a method that
 * returns a {@code Response} on the calling thread; on a runtime that did not, the check would find
 * no deadline and let the request through, as before it existed.
 */
public final class SendGuard implements ClientRequestFilter, WriterInterceptor {

    /** The deadline of the attempt this thread is making, while it makes it. */
    private static final ThreadLocal<Deadline> ATTEMPT = new ThreadLocal<>();

    /** The failure of a request refused because its deadline had passed. */
    static final class DeadlinePassed extends IOException {

        @Serial private static final long serialVersionUID = 1L;

        private final transient Duration callTimeout;

        DeadlinePassed(Duration callTimeout) {
            super("aisa.call-timeout passed before the request was sent");
            this.callTimeout = callTimeout;
        }

        Duration callTimeout() {
            return callTimeout;
        }
    }

    @Override
    public void filter(ClientRequestContext request) throws IOException {
        check();
    }

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        check();
        context.proceed();
    }

    private static void check() throws DeadlinePassed {
        Deadline deadline = ATTEMPT.get();
        if (deadline != null && deadline.passed()) {
            throw new DeadlinePassed(deadline.timeout());
        }
    }

    /**
     * The failure of an attempt that was not sent because the request's deadline had passed, while
     * it waited for a connection or on its way to the Rest Client.
     *
     * @param callTimeout the request's {@code aisa.call-timeout}
     */
    public static XLinkUnavailableException notSent(Duration callTimeout) {
        return new XLinkUnavailableException(
                "AISAX019: the attempt was not sent: aisa.call-timeout ("
                        + callTimeout
                        + ") passed before it could leave for AIsa. Retry later.",
                0,
                null,
                null,
                null,
                null);
    }

    /**
     * Marks the calling thread as making an attempt bounded by {@code deadline}.
     *
     * @return the mark it replaces, to give back to {@link #attempted}
     */
    static Deadline attempting(Deadline deadline) {
        Deadline outer = ATTEMPT.get();
        ATTEMPT.set(deadline);
        return outer;
    }

    /** Ends what {@link #attempting} began, restoring the mark it replaced. */
    static void attempted(Deadline outer) {
        if (outer == null) {
            ATTEMPT.remove();
        } else {
            ATTEMPT.set(outer);
        }
    }
}
