/**
 * Controls of the start-up split: what the server charges any library for being a jar, and for
 * being a jar with a CDI extension, whatever the library does. The driver packs these classes into
 * jars of their own; no war the build makes holds them.
 */
package one.aisa.xlink.bench.start.control;
