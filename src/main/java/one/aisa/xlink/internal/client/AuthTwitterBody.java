package one.aisa.xlink.internal.client;

import java.util.List;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The JSON body of {@code auth_twitter}. The key is repeated in the body because the newer contract
 * generations require it there as well as in the header; {@code scopes} is left out (null) when
 * AIsa's defaults are requested.
 *
 * @param apiKey the AIsa API key; secret
 * @param scopes scope names in request order, or null for AIsa's defaults
 */
@JsonbPropertyOrder({"apiKey", "scopes"})
public record AuthTwitterBody(
        @JsonbProperty("aisa_api_key") String apiKey,
        @JsonbProperty("scopes") List<String> scopes) {

    /** Leaves the API key out. */
    @Override
    public String toString() {
        return "AuthTwitterBody[scopes=" + scopes + "]";
    }
}
