/**
 * The module's implementation; nothing here is API. Sub-packages each have one job: {@code client}
 * calls AIsa, {@code response} interprets its answers, {@code config} reads settings, {@code
 * registry} tracks pending links, {@code events} fires and guards events, {@code cdi} wires it all
 * into the container.
 */
package one.aisa.xlink.internal;
