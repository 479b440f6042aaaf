package one.aisa.xlink.internal.client;

import jakarta.ws.rs.core.Response;

/**
 * Carries an error answer (status 400 or above) out of the Rest Client with its status, headers and
 * body intact, where the application keeps the Rest Client's error mapping on ({@link
 * MappedErrors}). Never reaches the module's callers.
 */
final class ErrorStatus extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Response response;

    ErrorStatus(Response response) {
        super("HTTP " + response.getStatus(), null, false, false);
        this.response = response;
    }

    Response response() {
        return response;
    }
}
