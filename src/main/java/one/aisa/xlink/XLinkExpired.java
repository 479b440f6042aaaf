package one.aisa.xlink;

import java.util.Objects;

/**
 * A pending link reached its {@link XLink#expiresAt()} without being marked linked or cancelled:
 * its URL no longer works. Fired exactly once per such link, with an active request context.
 *
 * <p>Fired both synchronously ({@code @Observes}) and asynchronously ({@code @ObservesAsync}),
 * qualified with the {@link XAccount} of the link's account. An observer that throws is logged and
 * does not affect other observers or the caller.
 *
 * @param link the link
 * @since 0.1
 */
public record XLinkExpired(XLink link) implements XLinkEvent {

    /**
     * Creates the event.
     *
     * @param link the link
     * @throws NullPointerException if {@code link} is null
     */
    public XLinkExpired {
        Objects.requireNonNull(link, "link must not be null");
    }
}
