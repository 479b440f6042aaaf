package one.aisa.xlink;

/**
 * A fact about one link. Observe a subtype to react to one kind of fact, or this type to see all.
 *
 * <pre>{@code
 * void audit(@Observes XLinkEvent event) { log.info(event + " for " + event.link().subject()); }
 * }</pre>
 *
 * @since 0.1
 */
public sealed interface XLinkEvent permits XLinkRequested, XLinkCompleted, XLinkExpired {

    /**
     * Returns the link the event is about.
     *
     * @return the link
     */
    XLink link();
}
