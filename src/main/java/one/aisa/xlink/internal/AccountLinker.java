package one.aisa.xlink.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

import one.aisa.xlink.XAccountLinker;
import one.aisa.xlink.XLink;
import one.aisa.xlink.XLinkException;
import one.aisa.xlink.XLinkRequest;
import one.aisa.xlink.XLinkResponseException;
import one.aisa.xlink.XLinkUnavailableException;
import one.aisa.xlink.XScope;
import one.aisa.xlink.internal.client.AisaGateway;
import one.aisa.xlink.internal.client.Deadline;
import one.aisa.xlink.internal.config.AccountSettings;
import one.aisa.xlink.internal.config.CallPolicy;
import one.aisa.xlink.internal.config.SharedSettings;
import one.aisa.xlink.internal.events.LinkEvents;
import one.aisa.xlink.internal.registry.LinkRegistry;
import one.aisa.xlink.internal.response.LinkGrant;
import one.aisa.xlink.internal.response.ReplyInterpreter;
import one.aisa.xlink.internal.retry.Retrying;

/** The linker of one account: asks AIsa, checks the answer, tracks the link, announces it. */
final class AccountLinker implements XAccountLinker {

    private final AccountSettings account;
    private final SharedSettings shared;
    private final Supplier<AisaGateway> gateway;
    private final ReplyInterpreter interpreter;
    private final LinkRegistry pending;
    private final LinkEvents events;
    private final Retrying retrying;
    private final Clock clock;

    AccountLinker(
            AccountSettings account,
            SharedSettings shared,
            Supplier<AisaGateway> gateway,
            ReplyInterpreter interpreter,
            LinkRegistry pending,
            LinkEvents events,
            Retrying retrying,
            Clock clock) {
        this.account = account;
        this.shared = shared;
        this.gateway = gateway;
        this.interpreter = interpreter;
        this.pending = pending;
        this.events = events;
        this.retrying = retrying;
        this.clock = clock;
    }

    @Override
    public XLink requestLink(XLinkRequest request) {
        Objects.requireNonNull(request, "request must not be null");
        Set<XScope> scopes = request.scopes().orElse(account.defaultScopes());
        Instant requestedAt = clock.instant();

        CallPolicy policy = shared.call();
        LinkGrant grant = retrying.runHere(policy, attempt(policy, scopes));

        return track(grant, request, scopes, requestedAt);
    }

    @Override
    public CompletionStage<XLink> requestLinkAsync(XLinkRequest request) {
        Objects.requireNonNull(request, "request must not be null");
        Set<XScope> scopes = request.scopes().orElse(account.defaultScopes());
        Instant requestedAt = clock.instant();

        CallPolicy policy = shared.call();
        return retrying.run(policy, attempt(policy, scopes))
                .thenApply(grant -> track(grant, request, scopes, requestedAt));
    }

    /**
     * One attempt at asking AIsa for a link, answer checked. Every attempt of a request sends the
     * same idempotency key.
     */
    private Function<Deadline, LinkGrant> attempt(CallPolicy policy, Set<XScope> scopes) {
        List<String> wireScopes = wireScopes(scopes);
        String idempotencyKey = IdempotencyKeys.next();
        return deadline ->
                interpreter.grant(
                        gateway.get()
                                .authTwitter(
                                        account.apiKey(),
                                        wireScopes,
                                        idempotencyKey,
                                        policy.maxResponseBytes(),
                                        deadline),
                        account.apiKey());
    }

    @Override
    public Optional<XLink> pending(String state) {
        Objects.requireNonNull(state, "state must not be null");
        return pending.find(account.name(), state);
    }

    @Override
    public List<XLink> pendingLinks() {
        return pending.all(account.name());
    }

    @Override
    public boolean markLinked(String state) {
        Objects.requireNonNull(state, "state must not be null");
        return pending.end(account.name(), state, LinkRegistry.End.COMPLETED);
    }

    @Override
    public boolean cancel(String state) {
        Objects.requireNonNull(state, "state must not be null");
        return pending.end(account.name(), state, LinkRegistry.End.CANCELLED);
    }

    @Override
    public String account() {
        return account.name();
    }

    @Override
    public String toString() {
        return "XAccountLinker[account=" + account.name() + "]";
    }

    private XLink track(
            LinkGrant grant, XLinkRequest request, Set<XScope> scopes, Instant requestedAt) {
        XLink link =
                new XLink(
                        account.name(),
                        grant.state(),
                        grant.authUrl(),
                        grant.expiresAt().orElse(requestedAt.plus(shared.linkLifetime())),
                        scopes,
                        requestedAt,
                        request.subject().orElse(null),
                        request.attributes());
        LinkRegistry.Handle handle;
        try {
            handle =
                    pending.register(link)
                            .orElseThrow(
                                    () ->
                                            new XLinkResponseException(
                                                    "AISAX046: AIsa returned the state of a link that"
                                                            + " is already pending; the new link was"
                                                            + " refused and the pending one kept.",
                                                    grant.httpStatus(),
                                                    null,
                                                    null,
                                                    null,
                                                    null));
        } catch (IllegalStateException e) {
            throw stopping();
        }
        events.requested(link);
        pending.announced(handle);
        return link;
    }

    /** AIsa's defaults are requested by leaving {@code scopes} out. */
    private static List<String> wireScopes(Set<XScope> scopes) {
        if (scopes.equals(XScope.defaults())) {
            return null;
        }
        return scopes.stream().map(XScope::name).toList();
    }

    private static XLinkException stopping() {
        return new XLinkUnavailableException(
                "AISAX047: the application is stopping; the link was not tracked. Retry after it"
                        + " restarts.",
                0,
                null,
                null,
                null,
                null);
    }
}
