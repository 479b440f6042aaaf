package one.aisa.xlink.demo;

/**
 * Why the demo could not do what the page asked.
 *
 * @param error a short name for the failure, such as the exception's simple name
 * @param message what went wrong; holds no secret
 * @param aisaStatus the HTTP status AIsa answered with, or {@code null}
 * @param retryable whether the same request may succeed later
 */
public record ErrorView(String error, String message, Integer aisaStatus, boolean retryable) {}
