package one.aisa.xlink.bench.start.control;

import jakarta.enterprise.inject.spi.Extension;

/**
 * A CDI extension that observes nothing: the server loads it, makes it a bean and offers it the
 * container's events, and that is all.
 */
public class IdleExtension implements Extension {}
