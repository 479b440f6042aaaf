/**
 * The pending-link scale benchmark: drives the module's registry ({@code
 * one.aisa.xlink.internal.registry.PendingLinks}) directly in a plain JVM of its own, with links
 * built as the linker builds them, and measures retained heap, insert cost and expiry lateness.
 */
package one.aisa.xlink.bench.registry;
