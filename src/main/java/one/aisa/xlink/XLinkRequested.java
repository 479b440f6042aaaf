package one.aisa.xlink;

import java.util.Objects;

/**
 * AIsa issued a link and the module now tracks it. Fired once per link, before that link's {@link
 * XLinkCompleted} or {@link XLinkExpired} reaches synchronous observers.
 *
 * <p>Fired both synchronously ({@code @Observes}) and asynchronously ({@code @ObservesAsync}),
 * qualified with the {@link XAccount} of the link's account. An observer that throws is logged and
 * does not affect other observers or the caller.
 *
 * @param link the link
 * @since 0.1
 */
public record XLinkRequested(XLink link) implements XLinkEvent {

    /**
     * Creates the event.
     *
     * @param link the link
     * @throws NullPointerException if {@code link} is null
     */
    public XLinkRequested {
        Objects.requireNonNull(link, "link must not be null");
    }
}
