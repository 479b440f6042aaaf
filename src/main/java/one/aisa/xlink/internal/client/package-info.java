/**
 * The MicroProfile Rest Client interface for AIsa, its wire body, and the call that returns raw
 * answers.
 */
package one.aisa.xlink.internal.client;
