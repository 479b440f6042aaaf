package one.aisa.xlink;

import java.net.URI;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A link AIsa has issued: the URL the person opens to approve access on X, and what it was
 * requested for.
 *
 * <p>The {@link #state()} and {@link #authUrl()} are secrets for as long as the link is pending:
 * whoever holds the URL can bind their X account to the AIsa key. {@link #toString()} therefore
 * shows neither the state nor the query of the URL; do not log them yourself.
 *
 * <p>Instances are immutable and thread-safe; two links are equal when all their fields are.
 *
 * @since 0.1
 */
public final class XLink {

    private final String account;
    private final String state;

    /**
     * Kept as text, parsed again on each {@link #authUrl()}: a {@link URI} holds copies of its
     * parts, which nearly doubles what each of tens of thousands of pending links costs.
     */
    private final String authUrl;

    private final Instant expiresAt;
    private final Set<XScope> scopes;
    private final Instant requestedAt;
    private final String subject;
    private final Map<String, String> attributes;

    /**
     * Creates a link. The module creates links itself; this constructor exists for applications
     * that build links in their own tests.
     *
     * @param account the account name
     * @param state AIsa's state token for this link
     * @param authUrl the URL the person opens, exactly as AIsa returned it
     * @param expiresAt when the URL stops working
     * @param scopes the requested scopes, in request order; not empty
     * @param requestedAt when the link was requested
     * @param subject who the link is for, or {@code null}
     * @param attributes the application's attributes
     * @throws NullPointerException if an argument other than {@code subject} is null
     * @throws IllegalArgumentException if {@code scopes} is empty or {@code state} is blank
     */
    public XLink(
            String account,
            String state,
            URI authUrl,
            Instant expiresAt,
            Set<XScope> scopes,
            Instant requestedAt,
            String subject,
            Map<String, String> attributes) {
        this.account = Objects.requireNonNull(account, "account must not be null");
        this.state = Objects.requireNonNull(state, "state must not be null");
        this.authUrl = Objects.requireNonNull(authUrl, "authUrl must not be null").toString();
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt must not be null");
        this.requestedAt = Objects.requireNonNull(requestedAt, "requestedAt must not be null");
        Objects.requireNonNull(scopes, "scopes must not be null");
        Objects.requireNonNull(attributes, "attributes must not be null");
        if (state.isBlank()) {
            throw new IllegalArgumentException("state must not be blank");
        }
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("scopes must not be empty");
        }
        this.scopes = sharedOrCopied(scopes);
        this.subject = subject;
        this.attributes =
                attributes.isEmpty()
                        ? Collections.emptyMap()
                        : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /**
     * Most links carry AIsa's default scopes: they share that unmodifiable set rather than copy it,
     * which saves about 450 bytes of every pending link.
     */
    private static Set<XScope> sharedOrCopied(Set<XScope> scopes) {
        Set<XScope> defaults = XScope.defaults();
        if (scopes == defaults) {
            return defaults;
        }
        if (scopes.size() == defaults.size()) {
            Iterator<XScope> given = scopes.iterator();
            Iterator<XScope> expected = defaults.iterator();
            boolean same = true;
            while (same && given.hasNext() && expected.hasNext()) {
                same = given.next().equals(expected.next());
            }
            if (same && !given.hasNext() && !expected.hasNext()) {
                return defaults;
            }
        }
        return Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
    }

    /**
     * Returns the name of the account the link was requested for.
     *
     * @return the account name, such as {@code "default"}
     */
    public String account() {
        return account;
    }

    /**
     * Returns AIsa's state token, which identifies this link in {@link
     * XAccountLinker#markLinked(String)}, {@link XAccountLinker#cancel(String)} and {@link
     * XAccountLinker#pending(String)}. Secret while the link is pending.
     *
     * @return the state
     */
    public String state() {
        return state;
    }

    /**
     * Returns the URL on X that the person opens to approve, byte for byte as AIsa returned it.
     * Secret while the link is pending.
     *
     * @return an absolute {@code https} URL on an allowed host
     */
    public URI authUrl() {
        return URI.create(authUrl);
    }

    /**
     * Returns when the URL stops working: AIsa's {@code expires_at}, or the request time plus
     * {@code aisa.x.link-lifetime} when AIsa did not say.
     *
     * @return the expiry instant
     */
    public Instant expiresAt() {
        return expiresAt;
    }

    /**
     * Returns the scopes that were requested, in request order.
     *
     * @return an unmodifiable, non-empty set
     */
    public Set<XScope> scopes() {
        return scopes;
    }

    /**
     * Returns when the module asked AIsa for this link.
     *
     * @return the request instant
     */
    public Instant requestedAt() {
        return requestedAt;
    }

    /**
     * Returns who the link is for, as given in {@link XLinkRequest.Builder#subject(String)}.
     *
     * @return the subject, or empty
     */
    public Optional<String> subject() {
        return Optional.ofNullable(subject);
    }

    /**
     * Returns the application's attributes from the request.
     *
     * @return an unmodifiable map, possibly empty
     */
    public Map<String, String> attributes() {
        return attributes;
    }

    /**
     * Tells whether the URL has stopped working at the given instant.
     *
     * @param now the instant to compare with
     * @return true if {@code now} is at or after {@link #expiresAt()}
     */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof XLink that
                && account.equals(that.account)
                && state.equals(that.state)
                && authUrl.equals(that.authUrl)
                && expiresAt.equals(that.expiresAt)
                && scopes.equals(that.scopes)
                && requestedAt.equals(that.requestedAt)
                && Objects.equals(subject, that.subject)
                && attributes.equals(that.attributes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(account, state, expiresAt, requestedAt);
    }

    /**
     * Describes the link without its secrets: the state is left out and the URL is shown without
     * its query.
     */
    @Override
    public String toString() {
        URI url = authUrl();
        return "XLink[account="
                + account
                + ", authUrl="
                + url.getScheme()
                + "://"
                + url.getHost()
                + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + Objects.requireNonNullElse(url.getRawPath(), "")
                + ", expiresAt="
                + expiresAt
                + ", scopes="
                + scopes
                + ", requestedAt="
                + requestedAt
                + ", subject="
                + subject
                + ", attributes="
                + attributes.keySet()
                + "]";
    }
}
