package it.faults;

import java.io.InputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import it.support.Answers;

/**
 * One row of {@code faults/cases.json}, with its placeholders filled in: what the stub does, what
 * the linker is asked, and what must come out. Placeholders: {@code {{key}}}, {@code {{state}}},
 * {@code {{state2}}}, {@code {{stateUpper}}}, {@code {{longState}}}, {@code {{url}}} (an X
 * authorize URL ending in {@code &state={{state}}}), {@code {{url2}}} (the same with {@code
 * {{state2}}}), {@code {{urlNoState}}} and {@code {{port}}} (the raw stub's).
 *
 * @param index position in the file, from 0
 * @param name {@code group/what}, unique
 * @param script the stub's behaviours for this case
 * @param scopes scope names to request, or empty for the account's defaults
 * @param idleClosedFirst whether the stub closes the client's idle keep-alive connections (after a
 *     first, successful call that leaves one) before the case's call
 * @param expect the expectation, placeholders filled in
 * @param secrets strings that must never appear in a failure: key, states, auth URLs
 */
record FaultCase(
        int index,
        String name,
        JsonArray script,
        Optional<List<String>> scopes,
        boolean idleClosedFirst,
        JsonObject expect,
        Set<String> secrets) {

    static final String RESOURCE = "faults/cases.json";

    /** Reads every case from the class path, filling the placeholders per case. */
    static List<FaultCase> load(String apiKey, int stubPort, String nonce) {
        JsonObject file;
        try (InputStream in = FaultCase.class.getClassLoader().getResourceAsStream(RESOURCE);
                JsonReader reader = Json.createReader(in)) {
            file = reader.readObject();
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
        List<FaultCase> cases = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        JsonArray rows = file.getJsonArray("cases");
        for (int i = 0; i < rows.size(); i++) {
            JsonObject raw = rows.getJsonObject(i);
            String name = raw.getString("name");
            if (!names.add(name)) {
                throw new IllegalStateException("two cases are named \"" + name + "\"");
            }
            Map<String, String> values = placeholders(i, apiKey, stubPort, nonce);
            String text = raw.toString();
            for (Map.Entry<String, String> value : values.entrySet()) {
                text = text.replace("{{" + value.getKey() + "}}", value.getValue());
            }
            if (text.contains("{{")) {
                throw new IllegalStateException(name + ": unknown placeholder in " + text);
            }
            JsonObject filled = Json.createReader(new StringReader(text)).readObject();
            Set<String> secrets = new TreeSet<>();
            secrets.add(apiKey);
            for (String key : List.of("state", "state2", "stateUpper", "longState")) {
                secrets.add(values.get(key));
            }
            for (String key : List.of("url", "url2", "urlNoState")) {
                secrets.add(values.get(key));
            }
            collectLinkStrings(filled.getJsonArray("script"), secrets);
            cases.add(
                    new FaultCase(
                            i,
                            name,
                            filled.getJsonArray("script"),
                            filled.containsKey("scopes")
                                    ? Optional.of(
                                            filled.getJsonArray("scopes")
                                                    .getValuesAs(JsonString::getString))
                                    : Optional.empty(),
                            filled.getBoolean("idleClosedFirst", false),
                            filled.getJsonObject("expect"),
                            secrets));
        }
        return cases;
    }

    /** The part of the name before the first slash. */
    String group() {
        int slash = name.indexOf('/');
        return slash < 0 ? name : name.substring(0, slash);
    }

    private static Map<String, String> placeholders(
            int index, String apiKey, int stubPort, String nonce) {
        String state = String.format(Locale.ROOT, "st%03dq%s", index, nonce);
        String state2 = String.format(Locale.ROOT, "zz%03dk%s", index, nonce);
        String urlNoState = Answers.AUTH_URL.substring(0, Answers.AUTH_URL.length() - 7);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("key", apiKey);
        values.put("state", state);
        values.put("state2", state2);
        values.put("stateUpper", state.toUpperCase(Locale.ROOT));
        values.put("longState", state + "L".repeat(600));
        values.put("url", Answers.AUTH_URL + state);
        values.put("url2", Answers.AUTH_URL + state2);
        values.put("urlNoState", urlNoState);
        values.put("port", Integer.toString(stubPort));
        return values;
    }

    /** Adds every {@code auth_url} and {@code state} string of the scripted JSON bodies. */
    private static void collectLinkStrings(JsonValue value, Set<String> into) {
        if (value instanceof JsonObject object) {
            object.forEach(
                    (member, child) -> {
                        if ((member.equals("auth_url") || member.equals("state"))
                                && child instanceof JsonString string
                                && string.getString().strip().length() >= 8) {
                            into.add(string.getString());
                        }
                        collectLinkStrings(child, into);
                    });
        } else if (value instanceof JsonArray array) {
            array.forEach(child -> collectLinkStrings(child, into));
        }
    }
}
