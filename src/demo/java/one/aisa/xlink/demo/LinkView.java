package one.aisa.xlink.demo;

import java.time.Instant;
import java.util.List;

import one.aisa.xlink.XLink;
import one.aisa.xlink.XScope;

/**
 * A pending link as the page shows it. It carries the URL for the person to open, but not the
 * state: the page names the link by its {@link Handles handle}.
 *
 * @param handle the link's handle
 * @param account the account the link is for
 * @param subject the subject, or {@code null}
 * @param scopes the requested scope names, in request order
 * @param authUrl the URL the person opens to approve
 * @param requestedAt when the link was requested
 * @param expiresAt when the URL stops working
 */
public record LinkView(
        String handle,
        String account,
        String subject,
        List<String> scopes,
        String authUrl,
        Instant requestedAt,
        Instant expiresAt) {

    /**
     * Describes a link.
     *
     * @param link the link
     * @return its view
     */
    public static LinkView of(XLink link) {
        return new LinkView(
                Handles.of(link),
                link.account(),
                link.subject().orElse(null),
                link.scopes().stream().map(XScope::name).toList(),
                link.authUrl().toString(),
                link.requestedAt(),
                link.expiresAt());
    }
}
