/**
 * Links an X (Twitter) account to an AIsa API key from a Jakarta EE / MicroProfile application.
 *
 * <p>Inject an {@link one.aisa.xlink.XAccountLinker}, call {@code requestLink()}, send the person
 * to the returned {@link one.aisa.xlink.XLink#authUrl() authUrl}, and observe {@link
 * one.aisa.xlink.XLinkRequested}, {@link one.aisa.xlink.XLinkCompleted} and {@link
 * one.aisa.xlink.XLinkExpired}. Every failure reaches the caller as a subclass of {@link
 * one.aisa.xlink.XLinkException}.
 *
 * <p>Unless a member says otherwise, parameters and return values are never {@code null}; absent
 * values are {@link java.util.Optional}.
 *
 * @since 0.1
 */
package one.aisa.xlink;
