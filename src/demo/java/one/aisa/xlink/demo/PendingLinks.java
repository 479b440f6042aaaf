package one.aisa.xlink.demo;

import java.time.Instant;
import java.util.List;

/**
 * The pending links and the server's clock, so the page can count down without trusting its own.
 *
 * @param now the server's time
 * @param links the pending links, soonest to expire first
 */
public record PendingLinks(Instant now, List<LinkView> links) {}
