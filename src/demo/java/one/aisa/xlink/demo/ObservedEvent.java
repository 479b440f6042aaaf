package one.aisa.xlink.demo;

import java.time.Instant;

/**
 * One CDI event the demo observed, as the page shows it.
 *
 * @param sequence position in the order of observation, from 1
 * @param kind the event type's simple name, such as {@code XLinkRequested}
 * @param delivery {@code sync} for {@code @Observes}, {@code async} for {@code @ObservesAsync}
 * @param account the account of the link
 * @param subject the link's subject, or {@code null}
 * @param handle the link's handle (see {@link Handles})
 * @param observedAt when the observer ran
 */
public record ObservedEvent(
        long sequence,
        String kind,
        String delivery,
        String account,
        String subject,
        String handle,
        Instant observedAt) {}
