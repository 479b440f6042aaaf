package one.aisa.xlink.internal.client;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;

/**
 * The JSON body of {@code auth_twitter}. The key is repeated in the body because the newer contract
 * generations require it there as well as in the header; {@code scopes} is left out (null) when
 * AIsa's defaults are requested.
 *
 * <p>The body is written with JSON-P and sent as text rather than handed to the Rest Client's
 * JSON-B provider: on Open Liberty that provider's cache, reachable from a static map of RESTEasy
 * keyed by the application's class loader, keeps every type it has written, and with them the class
 * loader of an application long undeployed.
 *
 * @param apiKey the AIsa API key; secret
 * @param scopes scope names in request order, or null for AIsa's defaults
 */
public record AuthTwitterBody(String apiKey, List<String> scopes) {

    private static final JsonGeneratorFactory GENERATORS = Json.createGeneratorFactory(Map.of());

    /** Returns the body as JSON text: {@code {"aisa_api_key":"...","scopes":[...]}}. */
    public String toJson() {
        StringWriter text = new StringWriter(64 + (scopes == null ? 0 : scopes.size() * 16));
        try (JsonGenerator json = GENERATORS.createGenerator(text)) {
            json.writeStartObject().write("aisa_api_key", apiKey);
            if (scopes != null) {
                json.writeStartArray("scopes");
                scopes.forEach(json::write);
                json.writeEnd();
            }
            json.writeEnd();
        }
        return text.toString();
    }

    /** Leaves the API key out. */
    @Override
    public String toString() {
        return "AuthTwitterBody[scopes=" + scopes + "]";
    }
}
