/**
 * The documented transport keys of the module's Rest Client ({@code aisa/mp-rest/trustStore},
 * {@code hostnameVerifier}, {@code proxyAddress}) against TLS and proxy servers on 127.0.0.1.
 */
package it.transport;
