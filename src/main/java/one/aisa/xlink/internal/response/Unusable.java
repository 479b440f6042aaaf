package one.aisa.xlink.internal.response;

/** Why a success answer is not a usable link; becomes an {@code XLinkResponseException}. */
final class Unusable extends RuntimeException {

    private static final long serialVersionUID = 1L;

    Unusable(String message) {
        super(message, null, false, false);
    }
}
