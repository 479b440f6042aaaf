package one.aisa.xlink;

import java.util.Objects;

/**
 * The application reported, through {@link XAccountLinker#markLinked(String)}, that the person
 * approved the link on X. Fired at most once per link; the link is no longer pending.
 *
 * <p>Fired both synchronously ({@code @Observes}) and asynchronously ({@code @ObservesAsync}),
 * qualified with the {@link XAccount} of the link's account. An observer that throws is logged and
 * does not affect other observers or the caller.
 *
 * @param link the link
 * @since 0.1
 */
public record XLinkCompleted(XLink link) implements XLinkEvent {

    /**
     * Creates the event.
     *
     * @param link the link
     * @throws NullPointerException if {@code link} is null
     */
    public XLinkCompleted {
        Objects.requireNonNull(link, "link must not be null");
    }
}
