package it.support;

import java.io.StringReader;
import java.time.Duration;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Drives the {@link RawStub} over its control API from inside Liberty: what {@code auth_twitter}
 * does, what arrived, and how many connections the server under test opened.
 */
public final class RawStubAdmin {

    private final ControlClient control;

    private RawStubAdmin(int port) {
        this.control = new ControlClient("raw stub", "http://127.0.0.1:" + port + "/__raw/");
    }

    /** The stub named by the deployment's {@code test.rawstub.port}. */
    public static RawStubAdmin fromConfig() {
        return new RawStubAdmin(
                ConfigProvider.getConfig().getValue("test.rawstub.port", Integer.class));
    }

    /** The stub's port, for tests that build URLs pointing back at it. */
    public static int port() {
        return ConfigProvider.getConfig().getValue("test.rawstub.port", Integer.class);
    }

    /** Forgets script, counters and recorded requests; closes every API connection. */
    public RawStubAdmin reset() {
        send("POST", "reset", "");
        return this;
    }

    /**
     * Like {@link #reset()}, but leaves idle keep-alive connections open: a client that pooled one
     * finds it still usable, as it would after a normal answer.
     */
    public RawStubAdmin resetKeepingIdle() {
        send("POST", "reset?idle=keep", "");
        return this;
    }

    /** Replaces the script with these behaviours (the last one repeats). */
    public RawStubAdmin script(JsonArray steps) {
        send("POST", "script", steps.toString());
        return this;
    }

    /** Replaces the script with a single behaviour that serves every request. */
    public RawStubAdmin script(JsonObject behaviour) {
        return script(Json.createArrayBuilder().add(behaviour).build());
    }

    /** Returns the connection and request counters. */
    public Stats stats() {
        JsonObject json = parse(send("GET", "stats", null)).asJsonObject();
        JsonObject connections = json.getJsonObject("connections");
        return new Stats(
                json.getInt("authRequests"),
                connections.getInt("accepted"),
                connections.getInt("open"),
                connections.getInt("maxOpen"),
                connections.getInt("busy"),
                connections.getInt("overLimit"),
                json.getJsonObject("requestsByPath"));
    }

    /** Waits until no API connection is busy, or the timeout passes; returns the last stats. */
    public Stats awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Stats stats = stats();
        while (stats.busy() > 0 && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            stats = stats();
        }
        return stats;
    }

    /** Returns the recorded {@code auth_twitter} requests, oldest first. */
    public List<Recorded> requests() {
        return parse(send("GET", "requests", null)).asJsonArray().stream()
                .map(JsonValue::asJsonObject)
                .map(Recorded::new)
                .toList();
    }

    /**
     * The stub's counters since its last reset. Connections count only those that carried an API
     * request, not the control API's own.
     *
     * @param authRequests requests that reached {@code auth_twitter}
     * @param accepted API connections accepted
     * @param open API connections open now
     * @param maxOpen most API connections open at the same time
     * @param busy API connections in the middle of a request or behaviour now
     * @param overLimit connections refused because the stub was at its connection limit
     * @param byPath requests per path, control API excluded
     */
    public record Stats(
            int authRequests,
            int accepted,
            int open,
            int maxOpen,
            int busy,
            int overLimit,
            JsonObject byPath) {}

    /** One request as the stub read it. */
    public record Recorded(JsonObject json) {

        public String method() {
            return json.getString("method");
        }

        public String target() {
            return json.getString("target");
        }

        public String body() {
            return json.getString("body");
        }

        /** The first header of that name, ignoring case, or null. */
        public String header(String name) {
            for (JsonValue header : json.getJsonArray("headers")) {
                JsonArray pair = header.asJsonArray();
                if (pair.getString(0).equalsIgnoreCase(name)) {
                    return pair.getString(1);
                }
            }
            return null;
        }
    }

    private static JsonValue parse(String json) {
        return Json.createReader(new StringReader(json)).readValue();
    }

    private String send(String method, String path, String body) {
        return control.send(method, path, body);
    }
}
