package one.aisa.xlink.internal.registry;

import java.util.List;
import java.util.Optional;

import one.aisa.xlink.XLink;

/**
 * Where pending links are kept and what expires them: {@link PendingLinks} in this server's memory,
 * or {@link JdbcLinks} in a database that every server of a cluster shares.
 *
 * <p>Each link moves once from pending to one end: completed, cancelled or expired. A link is first
 * {@linkplain #register registered} (which refuses a state already pending), then {@linkplain
 * #announced announced} once its requested-event has been fired on this server; an end this server
 * reaches before that is reported right after the announcement, so this server's listener always
 * sees "requested" before "completed" or "expired".
 *
 * <p>Implementations are thread-safe. {@link #close()} stops their threads; nothing is reported
 * after it.
 */
public interface LinkRegistry extends AutoCloseable {

    /** How a link ended. */
    enum End {
        COMPLETED,
        CANCELLED,
        EXPIRED
    }

    /** Receives the ends that call for an event. Called at most once per link and server. */
    @FunctionalInterface
    interface Listener {
        void ended(XLink link, End end);
    }

    /** A registered link; pass it to {@link #announced(Handle)}. */
    interface Handle {}

    /**
     * Starts tracking a link.
     *
     * @return the handle to announce it with, or empty if a link with the same state is pending
     * @throws IllegalStateException if the registry is closed
     * @throws one.aisa.xlink.XLinkException if the link could not be recorded
     */
    Optional<Handle> register(XLink link);

    /**
     * Records that the link's requested-event has been fired, reports an end reached meanwhile, and
     * schedules expiry (at once if the link has already expired).
     */
    void announced(Handle handle);

    /** Returns the pending link with this state if it belongs to the account. */
    Optional<XLink> find(String account, String state);

    /** Returns the account's pending links. */
    List<XLink> all(String account);

    /**
     * Ends a pending link of the account.
     *
     * @return true if this call ended it; false if it is unknown, another account's, or ended
     */
    boolean end(String account, String state, End end);

    /** Stops the registry's threads; reports nothing from now on. */
    @Override
    void close();
}
