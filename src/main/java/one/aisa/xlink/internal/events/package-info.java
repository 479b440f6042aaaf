/** Firing the link events and isolating the application's observers from each other. */
package one.aisa.xlink.internal.events;
