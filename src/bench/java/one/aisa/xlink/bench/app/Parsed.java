package one.aisa.xlink.bench.app;

import java.io.StringReader;
import java.net.URI;
import java.time.Instant;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;

/**
 * What the bare contenders make of an answer: the three fields read with JSON-P, typed as the
 * linker types them. No validation: this is the least any Java caller does.
 *
 * @param authUrl the URL
 * @param state the state
 * @param expiresAt the expiry
 */
record Parsed(URI authUrl, String state, Instant expiresAt) {

    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    static Parsed of(String body) {
        JsonObject object;
        try (JsonReader reader = READERS.createReader(new StringReader(body))) {
            object = reader.readObject();
        }
        return new Parsed(
                URI.create(object.getString("auth_url")),
                object.getString("state"),
                Instant.parse(object.getString("expires_at")));
    }
}
