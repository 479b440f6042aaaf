package it.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Calls the control API of a test stub on 127.0.0.1, failing loudly on any answer but 2xx. */
final class ControlClient {

    private static final HttpClient HTTP =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();

    private final String name;
    private final String base;

    /**
     * @param name the stub's name in failure messages
     * @param base the control API's URL, to which paths are appended
     */
    ControlClient(String name, String base) {
        this.name = name;
        this.base = base;
    }

    /**
     * Sends a request, with {@code body} as text or none if null, and returns the answer's body.
     */
    String send(String method, String path, String body) {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(10))
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body))
                        .build();
        try {
            HttpResponse<String> response =
                    HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(
                        name
                                + " "
                                + method
                                + " "
                                + path
                                + " answered "
                                + response.statusCode()
                                + ": "
                                + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(name + " unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
