package one.aisa.xlink;

/**
 * The module's configuration is missing or malformed. The message lists every problem found, each
 * with its configuration key and the environment variable that can set it.
 *
 * <p>Thrown at deployment for every account that is injected, and on first use for an account that
 * is only looked up programmatically.
 *
 * @since 0.1
 */
public class XLinkConfigException extends XLinkException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message every problem, with the keys to fix; must hold no secret
     */
    public XLinkConfigException(String message) {
        super(message, 0, null, null, null, false, null);
        withAttempts(0);
    }
}
