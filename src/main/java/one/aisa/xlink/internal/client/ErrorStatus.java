package one.aisa.xlink.internal.client;

/**
 * Carries an error answer (status 400 or above) out of the Rest Client, already read, so that every
 * status is interpreted in one place. Never reaches the module's callers.
 */
final class ErrorStatus extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient RawReply reply;

    ErrorStatus(RawReply reply) {
        super("HTTP " + reply.status(), null, false, false);
        this.reply = reply;
    }

    RawReply reply() {
        return reply;
    }
}
