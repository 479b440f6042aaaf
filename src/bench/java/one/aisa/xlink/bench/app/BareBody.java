package one.aisa.xlink.bench.app;

import jakarta.json.bind.annotation.JsonbProperty;

/**
 * The body the module sends when the account's default scopes are requested.
 *
 * @param apiKey the key
 */
public record BareBody(@JsonbProperty("aisa_api_key") String apiKey) {}
