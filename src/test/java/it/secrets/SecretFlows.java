package it.secrets;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;

import it.support.RecordedEvents;
import it.support.StubAdmin;
import one.aisa.xlink.XAccountLinker;
import one.aisa.xlink.XLink;
import one.aisa.xlink.XLinkExpired;
import one.aisa.xlink.XLinkRequest;

/**
 * Runs every flow of {@link SecretsIT} once against the stub, with the deployment's recognisable
 * API key and, per run, recognisable states and auth URLs: successes, each kind of failure,
 * completion, cancellation, expiry and an asynchronous failure. Collects what each flow threw and
 * every value whose {@code toString()} a developer might log.
 */
@ApplicationScoped
public class SecretFlows {

    /** Fragments of every key, state and auth URL query this test makes up. */
    static final List<String> MARKERS = List.of("SECRETKEY", "st-SECRET-", "SECRET-CHALLENGE");

    /** Link events the flows cause: six links announced both ways, one completed, one expired. */
    static final int EVENTS = 6 * 2 + 2 + 2;

    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    @Inject XAccountLinker linker;

    @Inject RecordedEvents events;

    /** What one run of the flows produced. */
    public static final class Run {

        private final String id = UUID.randomUUID().toString().substring(0, 8);
        private final Map<String, String> outcomes = new LinkedHashMap<>();
        private final Map<String, Throwable> failures = new LinkedHashMap<>();
        private final List<Object> values = new ArrayList<>();
        private final Set<String> secrets = new LinkedHashSet<>();

        private Run(String key) {
            secrets.add(key);
            // Its tail too, in case something prints only part of it.
            secrets.add(key.substring(key.indexOf("SECRETKEY")));
        }

        /** Each flow's outcome: {@code ok}, or the exception's type and code. */
        public Map<String, String> outcomes() {
            return Collections.unmodifiableMap(outcomes);
        }

        /** What each failing flow threw. */
        public Map<String, Throwable> failures() {
            return Collections.unmodifiableMap(failures);
        }

        /** Links, requests and events the flows produced. */
        public List<Object> values() {
            return Collections.unmodifiableList(values);
        }

        /**
         * The key (whole, and from {@code SECRETKEY} on), each state, each auth URL and each auth
         * URL's query of this run.
         */
        public Set<String> secrets() {
            return Collections.unmodifiableSet(secrets);
        }

        /**
         * Says where a secret shows: in the message or {@code toString()} of a thrown exception, of
         * any cause or suppressed exception in its chain, in its printed stack trace, or in the
         * {@code toString()} of a value.
         */
        public List<String> leaks() {
            List<String> found = new ArrayList<>();
            failures.forEach((flow, failure) -> inspect(flow, failure, found));
            for (Object value : values) {
                check(value.getClass().getSimpleName() + ".toString()", value.toString(), found);
            }
            return found;
        }

        private void inspect(String flow, Throwable failure, List<String> found) {
            Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            Deque<Throwable> next = new ArrayDeque<>(List.of(failure));
            while (!next.isEmpty()) {
                Throwable current = next.pop();
                if (!seen.add(current)) {
                    continue;
                }
                String where = flow + ": " + current.getClass().getName();
                check(where + " getMessage()", current.getMessage(), found);
                check(where + " getLocalizedMessage()", current.getLocalizedMessage(), found);
                check(where + " toString()", current.toString(), found);
                if (current.getCause() != null) {
                    next.push(current.getCause());
                }
                for (Throwable suppressed : current.getSuppressed()) {
                    next.push(suppressed);
                }
            }
            StringWriter printed = new StringWriter();
            failure.printStackTrace(new PrintWriter(printed));
            check(flow + ": printed stack trace", printed.toString(), found);
        }

        private void check(String where, String text, List<String> found) {
            if (text == null) {
                return;
            }
            for (String secret : secrets) {
                if (text.contains(secret)) {
                    found.add(where + " shows \"" + secret + "\"");
                }
            }
            for (String marker : MARKERS) {
                if (text.contains(marker)) {
                    found.add(where + " shows \"" + marker + "\"");
                }
            }
        }

        private String state(String flow) {
            String state = "st-SECRET-" + flow + "-" + id;
            secrets.add(state);
            return state;
        }

        private String authUrl(String host, String flow, String state) {
            String query =
                    "response_type=code&client_id=aisa-secrets&code_challenge=SECRET-CHALLENGE-"
                            + flow
                            + "-"
                            + id
                            + "&code_challenge_method=S256&state="
                            + state;
            String url = "https://" + host + "/i/oauth2/authorize?" + query;
            secrets.add(url);
            secrets.add(query);
            return url;
        }

        private void succeeded(String flow, Supplier<XLink> call) {
            try {
                values.add(call.get());
                outcomes.put(flow, "ok");
            } catch (RuntimeException e) {
                failures.put(flow, e);
                outcomes.put(flow, describe(e));
            }
        }

        private void failed(String flow, Supplier<?> call) {
            try {
                values.add(call.get());
                outcomes.put(flow, "no exception");
            } catch (RuntimeException e) {
                failures.put(flow, e);
                outcomes.put(flow, describe(e));
            }
        }

        private static String describe(Throwable failure) {
            String message = String.valueOf(failure.getMessage());
            return failure.getClass().getSimpleName()
                    + " "
                    + (message.startsWith("AISAX") ? message.substring(0, 8) : "(no code)");
        }
    }

    /** Runs every flow once; waits for the expiry and the asynchronous observers. */
    public Run run() throws Exception {
        String key = ConfigProvider.getConfig().getValue("aisa.api-key", String.class);
        Run run = new Run(key);
        StubAdmin stub = StubAdmin.fromConfig();
        events.clear();

        String state = run.state("success");
        stub.reset()
                .answerJson(
                        link(
                                run.authUrl("x.com", "success", state),
                                state,
                                "2030-01-01T00:00:00Z"));
        XLinkRequest request =
                XLinkRequest.builder().subject("user-secrets").attribute("tenant", "acme").build();
        run.values.add(request);
        run.succeeded("success", () -> linker.requestLink(request));

        stub.reset()
                .answer(
                        401,
                        "{\"error\":{\"type\":\"authentication_error\",\"code\":\"invalid_api_key\","
                                + "\"message\":\"Invalid API key "
                                + key
                                + " (Authorization: Bearer "
                                + key
                                + ")\"}}",
                        Map.of("Content-Type", "application/json", "X-Request-Id", "req-401"));
        run.failed("unauthorized", linker::requestLink);

        stub.reset()
                .answer(
                        500,
                        "{\"code\":500,\"msg\":\"upstream failed for aisa_api_key=" + key + "\"}",
                        JSON);
        run.failed("server-error", linker::requestLink);

        stub.reset()
                .answer(
                        502,
                        "<html><body><h1>502 Bad Gateway</h1><p>upstream refused Authorization:"
                                + " Bearer "
                                + key
                                + "</p></body></html>",
                        Map.of("Content-Type", "text/html"));
        run.failed("html-bad-gateway", linker::requestLink);

        state = run.state("malformed");
        stub.reset()
                .answerJson(
                        "{\"auth_url\":\""
                                + run.authUrl("x.com", "malformed", state)
                                + "\",\"state\":\""
                                + state
                                + "\"");
        run.failed("malformed-json", linker::requestLink);

        state = run.state("wrong-host");
        stub.reset()
                .answerJson(
                        link(
                                run.authUrl("evil.example", "wrong-host", state),
                                state,
                                "2030-01-01T00:00:00Z"));
        run.failed("wrong-host", linker::requestLink);

        state = run.state("mismatch-body");
        String other = run.state("mismatch-url");
        stub.reset()
                .answerJson(
                        link(
                                run.authUrl("x.com", "mismatch", other),
                                state,
                                "2030-01-01T00:00:00Z"));
        run.failed("state-mismatch", linker::requestLink);

        state = run.state("duplicate");
        stub.reset()
                .answerJson(
                        link(
                                run.authUrl("x.com", "duplicate", state),
                                state,
                                "2030-01-01T00:00:00Z"));
        run.succeeded("duplicate-first", linker::requestLink);
        run.failed("duplicate-state", linker::requestLink);

        String marked = run.state("marked");
        stub.reset()
                .answerJson(
                        link(
                                run.authUrl("x.com", "marked", marked),
                                marked,
                                "2030-01-01T00:00:00Z"));
        run.succeeded("marked", linker::requestLink);
        run.outcomes.put("marked", linker.markLinked(marked) ? "ok" : "not marked");

        String cancelled = run.state("cancelled");
        stub.reset()
                .answerJson(
                        link(
                                run.authUrl("x.com", "cancelled", cancelled),
                                cancelled,
                                "2030-01-01T00:00:00Z"));
        run.succeeded("cancelled", linker::requestLink);
        run.outcomes.put("cancelled", linker.cancel(cancelled) ? "ok" : "not cancelled");

        String expiring = run.state("expiring");
        stub.reset()
                .answerJson(
                        link(
                                run.authUrl("x.com", "expiring", expiring),
                                expiring,
                                Instant.now().plusSeconds(1).toString()));
        run.succeeded("expiring", linker::requestLink);
        int expired =
                events.await(
                                s ->
                                        s.event() instanceof XLinkExpired
                                                && s.state().equals(expiring),
                                2,
                                Duration.ofSeconds(10))
                        .size();
        run.outcomes.put("expiring", expired == 2 ? "ok" : expired + " expiry events");

        stub.reset().answer(401, "{\"error\":{\"message\":\"revoked key " + key + "\"}}", JSON);
        try {
            run.values.add(
                    linker.requestLinkAsync(XLinkRequest.defaults())
                            .toCompletableFuture()
                            .get(10, TimeUnit.SECONDS));
            run.outcomes.put("async-failure", "no exception");
        } catch (ExecutionException e) {
            run.failures.put("async-failure", e);
            run.outcomes.put("async-failure", Run.describe(e.getCause()));
        }

        String retried = run.state("retried");
        stub.reset()
                .sequence(
                        StubAdmin.response(
                                503, "{\"error\":{\"message\":\"busy, key " + key + "\"}}"),
                        StubAdmin.response(
                                200,
                                link(
                                        run.authUrl("x.com", "retried", retried),
                                        retried,
                                        "2030-01-01T00:00:00Z")));
        run.succeeded("retried", linker::requestLink);
        int attempts = stub.requests().size();
        if (attempts != 2) {
            run.outcomes.put("retried", attempts + " attempts");
        }

        List<RecordedEvents.Seen> seen = events.await(s -> true, EVENTS, Duration.ofSeconds(10));
        run.outcomes.put("events", String.valueOf(seen.size()));
        seen.forEach(s -> run.values.add(s.event()));
        linker.pendingLinks().forEach(link -> linker.cancel(link.state()));
        return run;
    }

    private static String link(String authUrl, String state, String expiresAt) {
        return "{\"auth_url\":\""
                + authUrl
                + "\",\"state\":\""
                + state
                + "\",\"expires_at\":\""
                + expiresAt
                + "\"}";
    }
}
