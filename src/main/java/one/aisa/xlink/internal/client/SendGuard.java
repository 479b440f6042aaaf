package one.aisa.xlink.internal.client;

import java.io.IOException;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

/**
 * Stops a request whose deadline has passed by the time the Rest Client is about to send it.
 *
 * <p>An attempt on a worker thread checks its deadline before it starts, but it may still reach the
 * Rest Client after its caller has been told, at the deadline, that the request failed; sent then,
 * it could make AIsa issue a link that nothing tracks. This filter runs last, on the thread that
 * sends, just before the connection is used, and refuses such a request unsent.
 */
public final class SendGuard implements ClientRequestFilter {

    /** The deadline of the attempt this thread is making, while it makes it. */
    private static final ThreadLocal<Deadline> ATTEMPT = new ThreadLocal<>();

    /** The failure of a request refused because its deadline had passed. */
    static final class DeadlinePassed extends IOException {

        private static final long serialVersionUID = 1L;

        DeadlinePassed() {
            super("aisa.call-timeout passed before the request was sent");
        }
    }

    @Override
    public void filter(ClientRequestContext request) throws IOException {
        Deadline deadline = ATTEMPT.get();
        if (deadline != null && deadline.passed()) {
            throw new DeadlinePassed();
        }
    }

    /** Marks the calling thread as making an attempt bounded by {@code deadline}. */
    static void attempting(Deadline deadline) {
        ATTEMPT.set(deadline);
    }

    /** Ends what {@link #attempting} began. */
    static void attempted() {
        ATTEMPT.remove();
    }
}
