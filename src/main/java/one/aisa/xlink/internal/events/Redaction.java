package one.aisa.xlink.internal.events;

import one.aisa.xlink.XLink;

/**
 * Copies an observer's exception for logging with the link's secrets removed from every message,
 * since an observer may well have put the state or URL into one.
 */
final class Redaction {

    private Redaction() {}

    static Throwable redacted(Throwable failure, XLink link) {
        Throwable copy =
                new ObserverFailure(
                        failure.getClass().getName() + ": " + clean(failure.getMessage(), link));
        copy.setStackTrace(failure.getStackTrace());
        Throwable cause = failure.getCause();
        Throwable tail = copy;
        for (int depth = 0; cause != null && cause != cause.getCause() && depth < 8; depth++) {
            Throwable next =
                    new ObserverFailure(
                            cause.getClass().getName() + ": " + clean(cause.getMessage(), link));
            next.setStackTrace(cause.getStackTrace());
            tail.initCause(next);
            tail = next;
            cause = cause.getCause();
        }
        return copy;
    }

    static String clean(String message, XLink link) {
        if (message == null || link == null) {
            return String.valueOf(message);
        }
        return message.replace(link.authUrl().toString(), "<auth_url>")
                .replace(link.state(), "<state>");
    }

    /** Stands for an observer's exception in the log. */
    static final class ObserverFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        ObserverFailure(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
