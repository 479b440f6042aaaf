package it.lifecycle;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lifecycle tests' side of their probe applications: plain HTTP on 127.0.0.1, every answer
 * checked for 200 before it is read.
 */
final class Probes {

    /** How the name of every thread the module starts begins. */
    static final String MODULE_THREAD_PREFIX = "aisa-x-link-";

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Probes() {}

    /** The JSON answer to a GET of {@code path}, relative to the server's root. */
    static JsonObject get(String path) throws IOException, InterruptedException {
        return json(send(request(path).GET()));
    }

    /** The JSON answer to an empty POST to {@code path}, relative to the server's root. */
    static JsonObject post(String path) throws IOException, InterruptedException {
        return json(send(request(path).POST(HttpRequest.BodyPublishers.noBody())));
    }

    /** The text answer to a GET of {@code path}, relative to the server's root. */
    static String text(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    /** The names of the module's threads that the probe application at {@code app} sees. */
    static List<String> moduleThreads(String app) throws IOException, InterruptedException {
        return strings(get(app + "/probe"), "moduleThreads");
    }

    static List<String> strings(JsonObject object, String name) {
        return object.getJsonArray(name).getValuesAs(JsonString::getString);
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(
                        URI.create(
                                "http://127.0.0.1:"
                                        + System.getProperty("liberty.http.port")
                                        + "/"
                                        + path))
                .timeout(TIMEOUT);
    }

    private static String send(HttpRequest.Builder request)
            throws IOException, InterruptedException {
        HttpResponse<String> response =
                HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("%s answered: %s", response.uri(), response.body())
                .isEqualTo(200);
        return response.body();
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }
}
