package it.support;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Drives the stub over WireMock's admin API from inside Liberty: what {@code auth_twitter} answers,
 * and what requests arrived.
 */
public final class StubAdmin {

    public static final String AUTH_PATH = "/apis/v1/twitter/auth_twitter";

    private final ControlClient control;

    private StubAdmin(int port) {
        this.control = new ControlClient("stub admin", "http://127.0.0.1:" + port + "/__admin");
    }

    /** The stub on this port of 127.0.0.1; for tests that drive it from the client JVM. */
    public static StubAdmin at(int port) {
        return new StubAdmin(port);
    }

    /** The stub named by the deployment's {@code test.stub.port}. */
    public static StubAdmin fromConfig() {
        return new StubAdmin(ConfigProvider.getConfig().getValue("test.stub.port", Integer.class));
    }

    /** Forgets all answers and recorded requests. */
    public StubAdmin reset() {
        send("POST", "/reset", "");
        return this;
    }

    /** Makes {@code auth_twitter} answer with this status, body and headers. */
    public StubAdmin answer(int status, String body, Map<String, String> headers) {
        JsonObjectBuilder headerJson = Json.createObjectBuilder();
        headers.forEach(headerJson::add);
        JsonObjectBuilder response =
                Json.createObjectBuilder().add("status", status).add("headers", headerJson);
        if (body != null) {
            response.add("body", body);
        }
        return map(response.build());
    }

    /** Makes {@code auth_twitter} answer 200 with this JSON body. */
    public StubAdmin answerJson(String body) {
        return answer(200, body, Map.of("Content-Type", "application/json"));
    }

    /** Makes {@code auth_twitter} answer with a WireMock response definition. */
    public StubAdmin answer(JsonObject response) {
        return map(response);
    }

    /**
     * Makes {@code auth_twitter} answer with a WireMock response definition when the request body
     * contains {@code fragment}, ahead of every answer without a condition.
     */
    public StubAdmin answerWhenBodyContains(String fragment, JsonObject response) {
        JsonObject mapping =
                Json.createObjectBuilder()
                        .add("priority", 1)
                        .add(
                                "request",
                                Json.createObjectBuilder()
                                        .add("method", "POST")
                                        .add("urlPath", AUTH_PATH)
                                        .add(
                                                "bodyPatterns",
                                                Json.createArrayBuilder()
                                                        .add(
                                                                Json.createObjectBuilder()
                                                                        .add(
                                                                                "contains",
                                                                                fragment))))
                        .add("response", response)
                        .build();
        send("POST", "/mappings", mapping.toString());
        return this;
    }

    /**
     * A response definition that grants a new link on every call, through WireMock's response
     * templating: the state is {@code statePrefix} followed by the request's {@code
     * Idempotency-Key} (a fresh UUID per request), in the {@code state} field and in the {@code
     * state} parameter of {@code auth_url}; {@code expires_at} is an ISO instant (whole seconds)
     * {@code expiresIn} from the moment the stub answers, in WireMock's offset syntax such as
     * {@code "4 seconds"} or {@code "-5 seconds"}.
     */
    public static JsonObject freshLink(String statePrefix, String expiresIn) {
        String state = statePrefix + "{{request.headers.Idempotency-Key}}";
        String body =
                "{\"auth_url\":\""
                        + Answers.AUTH_URL
                        + state
                        + "\",\"state\":\""
                        + state
                        + "\",\"expires_at\":\"{{now offset='"
                        + expiresIn
                        + "'}}\"}";
        return Json.createObjectBuilder()
                .add("status", 200)
                .add("body", body)
                .add("headers", Json.createObjectBuilder().add("Content-Type", "application/json"))
                .add("transformers", Json.createArrayBuilder().add("response-template"))
                .build();
    }

    /** Makes {@code auth_twitter} fail at the socket level (a WireMock fault name). */
    public StubAdmin fault(String fault) {
        return map(Json.createObjectBuilder().add("fault", fault).build());
    }

    /** Makes {@code auth_twitter} answer after a delay. */
    public StubAdmin delayed(int status, String body, int millis) {
        return map(
                Json.createObjectBuilder()
                        .add("status", status)
                        .add("body", body)
                        .add(
                                "headers",
                                Json.createObjectBuilder().add("Content-Type", "application/json"))
                        .add("fixedDelayMilliseconds", millis)
                        .build());
    }

    /**
     * Makes {@code auth_twitter} give these answers in order, the last one from then on. Each
     * answer is a WireMock response definition, for example from {@link #response}.
     */
    public StubAdmin sequence(JsonObject... answers) {
        for (int i = 0; i < answers.length; i++) {
            JsonObjectBuilder request =
                    Json.createObjectBuilder().add("method", "POST").add("urlPath", AUTH_PATH);
            JsonObjectBuilder mapping =
                    Json.createObjectBuilder()
                            .add("scenarioName", "sequence")
                            .add("requiredScenarioState", i == 0 ? "Started" : "step-" + i)
                            .add("request", request)
                            .add("response", answers[i]);
            if (i + 1 < answers.length) {
                mapping.add("newScenarioState", "step-" + (i + 1));
            }
            send("POST", "/mappings", mapping.build().toString());
        }
        return this;
    }

    /** A response definition with status, JSON body and extra headers (name, value, ...). */
    public static JsonObject response(int status, String body, String... headers) {
        JsonObjectBuilder headerJson =
                Json.createObjectBuilder().add("Content-Type", "application/json");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            headerJson.add(headers[i], headers[i + 1]);
        }
        return Json.createObjectBuilder()
                .add("status", status)
                .add("body", body)
                .add("headers", headerJson)
                .build();
    }

    /** Makes {@code auth_twitter} answer at once but send its body in pieces over a duration. */
    public StubAdmin dribbled(String body, int chunks, int totalMillis) {
        return map(
                Json.createObjectBuilder()
                        .add("status", 200)
                        .add("body", body)
                        .add(
                                "headers",
                                Json.createObjectBuilder().add("Content-Type", "application/json"))
                        .add(
                                "chunkedDribbleDelay",
                                Json.createObjectBuilder()
                                        .add("numberOfChunks", chunks)
                                        .add("totalDuration", totalMillis))
                        .build());
    }

    /** Returns the requests that reached {@code auth_twitter}, oldest first. */
    public List<JsonObject> requests() {
        String json = send("GET", "/requests", null);
        List<JsonObject> all =
                Json.createReader(new StringReader(json))
                        .readObject()
                        .getJsonArray("requests")
                        .stream()
                        .map(JsonValue::asJsonObject)
                        .map(entry -> entry.getJsonObject("request"))
                        .filter(request -> request.getString("url").startsWith(AUTH_PATH))
                        .collect(
                                java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
        // The journal lists the newest first.
        java.util.Collections.reverse(all);
        return all;
    }

    private StubAdmin map(JsonObject response) {
        JsonObject mapping =
                Json.createObjectBuilder()
                        .add(
                                "request",
                                Json.createObjectBuilder()
                                        .add("method", "POST")
                                        .add("urlPath", AUTH_PATH))
                        .add("response", response)
                        .build();
        send("POST", "/mappings", mapping.toString());
        return this;
    }

    private String send(String method, String path, String body) {
        return control.send(method, path, body);
    }
}
