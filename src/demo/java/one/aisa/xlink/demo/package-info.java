/**
 * A small web application that uses aisa-x-link the way any application would: it injects {@link
 * one.aisa.xlink.XAccountLinker}, shows the person the link to open, and lists the CDI events it
 * observes. It uses only the public package {@code one.aisa.xlink}.
 *
 * <p>Without an {@code AISA_API_KEY} (or with {@code aisa.demo.sandbox=true}) the application also
 * serves a sandbox on 127.0.0.1 that speaks AIsa's {@code auth_twitter} contract and stands in for
 * X's consent page, so the whole flow runs without reaching AIsa or X.
 */
package one.aisa.xlink.demo;
