package it.secrets;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import it.support.Deployments;
import it.support.Stub;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API key, the states and the auth URLs never show: not in any exception the module throws (nor
 * its causes or suppressed exceptions), not in the {@code toString()} of links, requests or events,
 * and not in any file under the server's {@code logs/} directory while the module logs at FINEST.
 *
 * <p>Both tests run the same flows ({@link SecretFlows}): a success, 401 echoing the key, 500, an
 * HTML 502, malformed JSON, an auth URL on a host not allowed, a state mismatch, a duplicate state,
 * completion, cancellation, an expiry, an asynchronous failure and a 503 retried to success, with
 * an observer that fails on every event quoting the state and URL. The log test runs them over
 * HTTP, so each test stands alone.
 *
 * <p>The managed container keeps the server's console stream to itself, so {@code console.log} is
 * searched only where it exists; everything the console shows also goes to {@code messages.log}.
 */
@ExtendWith(ArquillianExtension.class)
public class SecretsIT {

    /**
     * The API key: recognisable, and new for every run of the suite, so that logs an earlier run
     * left in the same server directory cannot match.
     */
    static final String KEY =
            "sk-aisa-SECRETKEY-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    /** What each flow must do, in order: the flows are only worth searching if they did this. */
    static final Map<String, String> OUTCOMES = outcomes();

    @Deployment
    public static WebArchive app() {
        return Deployments.app(
                "secrets",
                Stub.config()
                        + "aisa.api-key="
                        + KEY
                        + "\naisa.retry.max-attempts=2\n"
                        + "aisa.retry.initial-backoff=PT0.1S\n"
                        + "aisa/mp-rest/readTimeout=5000\n",
                SecretsIT.class,
                SecretFlows.class,
                SecretFlows.Run.class,
                LeakyObserver.class,
                FlowsResource.class,
                SecretsApplication.class);
    }

    @Inject SecretFlows flows;

    @Test
    void exceptionsLinksRequestsAndEventsNeverShowTheSecrets() throws Exception {
        SecretFlows.Run run = flows.run();

        assertThat(run.outcomes()).as("what each flow did").containsExactlyEntriesOf(OUTCOMES);
        assertThat(run.failures())
                .as("failures kept for inspection")
                .hasSize(
                        (int) OUTCOMES.values().stream().filter(o -> o.contains(" AISAX")).count());
        assertThat(run.failures().get("server-error").getSuppressed())
                .as("the first of two attempts, suppressed in the final failure")
                .hasSize(1);
        assertThat(run.values())
                .as("links, the request and events whose toString() was checked")
                .hasSizeGreaterThanOrEqualTo(1 + 6 + SecretFlows.EVENTS);
        assertThat(run.leaks()).as("secrets shown by exceptions and toString()").isEmpty();
    }

    @Test
    @RunAsClient
    void noFileUnderTheServerLogsShowsTheSecretsAtFinest() throws Exception {
        Path logs =
                Path.of(
                        System.getProperty("liberty.wlp.home"),
                        "usr/servers",
                        System.getProperty("liberty.server.name"),
                        "logs");
        Path trace = logs.resolve("trace.log");
        long traceOffset = Files.exists(trace) ? Files.size(trace) : 0;

        JsonObject run = runFlowsOverHttp();

        Map<String, String> outcomes = new LinkedHashMap<>();
        run.getJsonObject("outcomes")
                .forEach((flow, outcome) -> outcomes.put(flow, ((JsonString) outcome).getString()));
        assertThat(outcomes).as("what each flow did").containsExactlyEntriesOf(OUTCOMES);
        String traced = awaitFineLinesOfThisRun(trace, traceOffset, Duration.ofSeconds(20));
        assertThat(traced)
                .as("FINE: the retry of this run's 503 reached trace.log")
                .contains("AISAX070: attempt 1 failed (XLinkUnavailableException); retrying in");
        assertThat(traced.lines())
                .as("FINE: a repeated failure of this run's observer reached trace.log")
                .anyMatch(SecretsIT::repeatedObserverFailure);
        // Let the server write out whatever the flows logged last.
        TimeUnit.SECONDS.sleep(2);

        for (String name : List.of("messages.log", "trace.log")) {
            Path file = logs.resolve(name);
            assertThat(Files.exists(file) ? Files.size(file) : -1)
                    .as("size of %s", file)
                    .isGreaterThan(0);
        }
        Set<String> secrets =
                new LinkedHashSet<>(run.getJsonArray("secrets").getValuesAs(JsonString::getString));
        assertThat(secrets).as("secrets to look for").contains(KEY).hasSizeGreaterThan(20);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(logs)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        List<String> hits = new ArrayList<>();
        for (Path file : files) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            for (String secret : secrets) {
                if (text.contains(secret)) {
                    hits.add(logs.relativize(file) + " shows \"" + secret + "\"");
                }
            }
        }
        assertThat(hits)
                .as(
                        "secrets in the %d files under %s: %s",
                        files.size(),
                        logs,
                        files.stream().map(f -> logs.relativize(f).toString()).toList())
                .isEmpty();
    }

    private static boolean repeatedObserverFailure(String line) {
        return line.contains("AISAX050: " + LeakyObserver.class.getName())
                && line.contains("failures so far");
    }

    private static JsonObject runFlowsOverHttp() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI flows =
                URI.create(
                        "http://127.0.0.1:"
                                + System.getProperty("liberty.http.port")
                                + "/secrets/api/flows");
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(flows)
                                .timeout(Duration.ofSeconds(90))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("flows answered %s", response.body()).isEqualTo(200);
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    /**
     * Returns what trace.log gained since the offset once it shows both FINE lines, or at the
     * timeout.
     */
    private static String awaitFineLinesOfThisRun(Path trace, long offset, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String text = "";
        while (System.nanoTime() - deadline < 0) {
            text = since(trace, offset);
            if (text.contains("AISAX070")
                    && text.lines().anyMatch(SecretsIT::repeatedObserverFailure)) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        return text;
    }

    private static String since(Path file, long offset) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        byte[] bytes = Files.readAllBytes(file);
        // A file smaller than the offset was rolled over: all of it is new.
        int from = bytes.length < offset ? 0 : (int) offset;
        return new String(bytes, from, bytes.length - from, StandardCharsets.ISO_8859_1);
    }

    private static Map<String, String> outcomes() {
        Map<String, String> outcomes = new LinkedHashMap<>();
        outcomes.put("success", "ok");
        outcomes.put("unauthorized", "XLinkAuthException AISAX030");
        outcomes.put("server-error", "XLinkUnavailableException AISAX033");
        outcomes.put("html-bad-gateway", "XLinkUnavailableException AISAX033");
        outcomes.put("malformed-json", "XLinkResponseException AISAX028");
        outcomes.put("wrong-host", "XLinkResponseException AISAX025");
        outcomes.put("state-mismatch", "XLinkResponseException AISAX040");
        outcomes.put("duplicate-first", "ok");
        outcomes.put("duplicate-state", "XLinkResponseException AISAX046");
        outcomes.put("marked", "ok");
        outcomes.put("cancelled", "ok");
        outcomes.put("expiring", "ok");
        outcomes.put("async-failure", "XLinkAuthException AISAX030");
        outcomes.put("retried", "ok");
        outcomes.put("events", String.valueOf(SecretFlows.EVENTS));
        return Collections.unmodifiableMap(outcomes);
    }
}
