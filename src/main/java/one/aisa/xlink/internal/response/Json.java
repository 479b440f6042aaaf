package one.aisa.xlink.internal.response;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;

/** Lenient reading of JSON bodies. Parser messages quote their input, so they never leave here. */
final class Json {

    private static final JsonParserFactory PARSERS =
            jakarta.json.Json.createParserFactory(Map.of());

    private Json() {}

    /** Returns the body as a JSON object, or empty if it is not one (or not JSON at all). */
    static Optional<JsonObject> object(byte[] body) {
        if (body.length == 0) {
            return Optional.empty();
        }
        // Decoded first: the JDK decodes UTF-8 into a String faster than a reader decodes a stream.
        try (JsonParser parser =
                PARSERS.createParser(new StringReader(new String(body, StandardCharsets.UTF_8)))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                return Optional.empty();
            }
            JsonObject object = parser.getObject();
            // One object and nothing after it: "{...} trailing" is not AIsa's answer.
            return parser.hasNext() ? Optional.empty() : Optional.of(object);
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
            return Optional.empty();
        }
    }

    /** Returns a member as text: strings as they are, numbers and booleans spelled out. */
    static Optional<String> text(JsonObject object, String name) {
        JsonValue value = object.get(name);
        if (value instanceof JsonString string) {
            return Optional.of(string.getString());
        }
        if (value instanceof JsonNumber || value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return Optional.of(value.toString());
        }
        return Optional.empty();
    }

    /** Returns a member if it is an object. */
    static Optional<JsonObject> child(JsonObject object, String name) {
        JsonValue value = object.get(name);
        return value instanceof JsonObject child ? Optional.of(child) : Optional.empty();
    }

    /** Tells whether a member is present with a value other than null. */
    static boolean present(JsonObject object, String name) {
        JsonValue value = object.get(name);
        return value != null && value.getValueType() != JsonValue.ValueType.NULL;
    }
}
