/** The pending links and the single scheduler that expires them. */
package one.aisa.xlink.internal.registry;
