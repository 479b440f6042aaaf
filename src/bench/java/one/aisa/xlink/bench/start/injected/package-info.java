/**
 * A step of the start-up split: the linker injected but not used, added by the driver to the
 * one-resource application with the library jar.
 */
package one.aisa.xlink.bench.start.injected;
