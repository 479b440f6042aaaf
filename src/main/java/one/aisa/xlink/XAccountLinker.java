package one.aisa.xlink;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Requests links between an X account and one AIsa account, and tracks them until they are
 * completed, cancelled or expire.
 *
 * <pre>{@code
 * @Inject XAccountLinker linker;
 *
 * XLink link = linker.requestLink(XLinkRequest.builder().subject(userId).build());
 * return Response.seeOther(link.authUrl()).build();   // the person approves on X
 * }</pre>
 *
 * <p>Each account is one {@code @ApplicationScoped} bean: the unqualified one is the account {@code
 * default}; {@code @XAccount("name")} selects another. Implementations are thread-safe.
 *
 * <p>Every requested link fires {@link XLinkRequested}, then at most one of {@link XLinkCompleted}
 * (after {@link #markLinked(String)}) or {@link XLinkExpired} (at {@link XLink#expiresAt()}), both
 * synchronously and asynchronously. {@link #cancel(String)} ends tracking without an event. By
 * default pending links are held in this server's memory, so they do not survive a restart and are
 * not shared with other servers; with {@code aisa.x.registry=jdbc} they live in a database that
 * every server shares, and any server can mark, cancel or look up any link.
 *
 * @since 0.1
 */
public interface XAccountLinker {

    /**
     * Requests a link for the account's default scopes ({@code aisa.x.default-scopes}, or {@code
     * aisa.accounts.<name>.default-scopes}). Blocks until AIsa answers.
     *
     * @return the link, now pending
     * @throws XLinkException if AIsa could not issue a usable link; the subclass tells why
     */
    default XLink requestLink() {
        return requestLink(XLinkRequest.defaults());
    }

    /**
     * Requests a link for exactly these scopes. Blocks until AIsa answers.
     *
     * @param scopes the scopes, in the order to request them; not empty
     * @return the link, now pending
     * @throws NullPointerException if {@code scopes} or an element is null, before any call
     * @throws IllegalArgumentException if {@code scopes} is empty, before any call
     * @throws XLinkException if AIsa could not issue a usable link; the subclass tells why
     */
    default XLink requestLink(Set<XScope> scopes) {
        return requestLink(XLinkRequest.ofScopes(scopes));
    }

    /**
     * Requests a link as described, blocking until AIsa answers or {@code aisa.call-timeout}
     * passes. The calls to AIsa are made on the calling thread while the Rest Client's connect and
     * read timeouts fit in the time left, and on a thread of the module otherwise.
     *
     * @param request the scopes, subject and attributes
     * @return the link, now pending
     * @throws NullPointerException if {@code request} is null, before any call
     * @throws XLinkException if AIsa could not issue a usable link; the subclass tells why
     */
    XLink requestLink(XLinkRequest request);

    /**
     * Requests a link as described without blocking the caller.
     *
     * @param request the scopes, subject and attributes
     * @return a stage that completes with the pending link, or exceptionally with an {@link
     *     XLinkException}
     * @throws NullPointerException if {@code request} is null, at once
     */
    CompletionStage<XLink> requestLinkAsync(XLinkRequest request);

    /**
     * Returns a pending link of this account.
     *
     * @param state the link's state
     * @return the link, or empty if no link of this account with that state is pending
     * @throws NullPointerException if {@code state} is null
     */
    Optional<XLink> pending(String state);

    /**
     * Returns this account's pending links.
     *
     * @return an unmodifiable snapshot, in no particular order
     */
    List<XLink> pendingLinks();

    /**
     * Records that the person approved the link on X (AIsa itself sends no signal). Stops tracking
     * the link and fires {@link XLinkCompleted}.
     *
     * @param state the link's state
     * @return true if the link was pending for this account; false if it is unknown, belongs to
     *     another account, or already ended
     * @throws NullPointerException if {@code state} is null
     */
    boolean markLinked(String state);

    /**
     * Stops tracking a pending link without firing an event. The URL itself keeps working at X
     * until it expires.
     *
     * @param state the link's state
     * @return true if the link was pending for this account; false otherwise
     * @throws NullPointerException if {@code state} is null
     */
    boolean cancel(String state);

    /**
     * Returns the name of the account this linker works for.
     *
     * @return the account name, such as {@code "default"}
     */
    String account();
}
