package it.faults;

import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.config.ConfigProvider;

import it.support.Answers;
import it.support.Deployments;
import it.support.RawStub;
import it.support.RawStubAdmin;
import it.support.RecordedEvents;
import it.support.SendingThreads;
import one.aisa.xlink.XAccountLinker;
import one.aisa.xlink.XLink;
import one.aisa.xlink.XLinkException;
import one.aisa.xlink.XLinkRateLimitException;
import one.aisa.xlink.XLinkRequest;
import one.aisa.xlink.XLinkRequested;
import one.aisa.xlink.XScope;
import org.assertj.core.api.SoftAssertions;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every case of {@code faults/cases.json} against the {@link RawStub}: each contract
 * generation with fields missing, null, empty, mistyped or contradictory; every legal and several
 * illegal {@code expires_at}; every error status from 400 to 504 with the usual error bodies; and
 * transport faults (resets, silence, cut and dripped bodies, garbage, oversized answers). Each case
 * is checked exactly, and every failure must keep the key, the state and the auth URL out of its
 * message, its {@code toString()} and its causes and suppressed exceptions.
 *
 * <p>One test runs all cases because Arquillian runs a {@code @TestFactory} in the client JVM,
 * where nothing is injected; each assertion names its case, and a per-group summary goes to the
 * server log.
 */
@ExtendWith(ArquillianExtension.class)
abstract class FaultSuite {

    /** When the case being run called the linker. */
    private java.time.Instant caseStartedAt = java.time.Instant.MIN;

    static final String KEY = "sk-aisa-TESTKEY-faults-0009";
    static final Duration LIFETIME = Duration.ofMinutes(10);
    static final String JSON = "application/json";
    static final String FAR = "2030-04-18T07:00:00Z";

    /** How much longer than {@code aisa.call-timeout} any one call may take. */
    static final long DEADLINE_SLACK_MILLIS = 1_500;

    /** How long after a call the stub may still be serving it (a peer's close takes a moment). */
    static final long BUSY_AFTER_CALL_MILLIS = 1_000;

    /**
     * The suite's application.
     *
     * @param name the war's name
     * @param timeouts the Rest Client's timeout settings, which decide where attempts run
     * @param suite the concrete test class
     */
    static WebArchive app(String name, String timeouts, Class<? extends FaultSuite> suite) {
        return Deployments.app(
                        name,
                        RawStub.config()
                                + "aisa.api-key="
                                + KEY
                                + "\n"
                                + SendingThreads.CONFIG
                                + "\n"
                                + timeouts
                                + "\naisa.call-timeout=PT3S"
                                + "\naisa.retry.max-attempts=2"
                                + "\naisa.retry.initial-backoff=PT0.02S"
                                + "\naisa.retry.max-wait=PT1S\n",
                        suite,
                        FaultSuite.class,
                        FaultCase.class,
                        RawStubAdmin.class,
                        RawStubAdmin.Stats.class,
                        RawStubAdmin.Recorded.class,
                        SendingThreads.class)
                // SoftAssertions proxies its assertions with Byte Buddy.
                .addAsLibrary(Deployments.jarOf(net.bytebuddy.ByteBuddy.class))
                .addAsResource(FaultCase.RESOURCE);
    }

    @Inject XAccountLinker linker;

    @Inject RecordedEvents events;

    @Test
    void everyCaseEndsExactlyAsTheTableSays() {
        RawStubAdmin stub = RawStubAdmin.fromConfig();
        String nonce = UUID.randomUUID().toString().substring(0, 8);
        List<FaultCase> cases = FaultCase.load(KEY, RawStubAdmin.port(), nonce);
        int maxAttempts = config("aisa.retry.max-attempts", Integer.class);
        long callTimeoutMillis =
                Duration.parse(config("aisa.call-timeout", String.class)).toMillis();

        SoftAssertions softly = new SoftAssertions();
        Map<String, int[]> byGroup = new TreeMap<>();
        List<String> failed = new ArrayList<>();
        List<String> timings = new ArrayList<>();
        long suiteStart = System.nanoTime();
        for (FaultCase c : cases) {
            int errorsBefore = softly.errorsCollected().size();
            long took = run(c, stub, softly, maxAttempts, callTimeoutMillis);
            boolean passed = softly.errorsCollected().size() == errorsBefore;
            byGroup.computeIfAbsent(c.group(), g -> new int[2])[passed ? 0 : 1]++;
            if (!passed) {
                failed.add(c.name());
            }
            if (took > 500) {
                timings.add(c.name() + "=" + took + "ms");
            }
        }
        stub.reset();

        StringBuilder summary =
                new StringBuilder("FAULT SUITE: ")
                        .append(cases.size())
                        .append(" cases in ")
                        .append(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - suiteStart))
                        .append(" ms; per group passed/failed:");
        byGroup.forEach(
                (group, counts) ->
                        summary.append(' ')
                                .append(group)
                                .append('=')
                                .append(counts[0])
                                .append('/')
                                .append(counts[1]));
        summary.append("; failed: ").append(failed).append("; slow: ").append(timings);
        System.out.println(summary);
        softly.assertThat(cases.size()).as("number of cases").isGreaterThanOrEqualTo(60);
        softly.assertAll();
    }

    /**
     * Checks which threads the attempts of one case were sent from.
     *
     * @param name the case
     * @param senders the sending thread of each of its attempts, in order
     * @param caller the thread that called the linker
     */
    abstract void checkWhereAttemptsRan(
            String name, List<String> senders, String caller, SoftAssertions softly);

    /** Runs one case, records what is wrong with it, and returns how long the call took. */
    private long run(
            FaultCase c,
            RawStubAdmin stub,
            SoftAssertions softly,
            int maxAttempts,
            long callTimeoutMillis) {
        String n = c.name();
        JsonObject expect = c.expect();
        stub.resetKeepingIdle();
        if (c.idleClosedFirst()) {
            stub.script(
                    Json.createObjectBuilder()
                            .add("do", "respond")
                            .add("headers", Json.createObjectBuilder().add("Content-Type", JSON))
                            .add("body", Answers.flat("warm-up-" + c.secrets().hashCode(), FAR))
                            .build());
            try {
                linker.cancel(linker.requestLink().state());
            } catch (RuntimeException e) {
                softly.fail("%s: the call that leaves a pooled connection failed: %s", n, e);
            }
            stub.reset();
        }
        events.clear();
        stub.script(c.script());

        XLinkRequest request =
                c.scopes()
                        .map(
                                names ->
                                        XLinkRequest.builder()
                                                .scopes(names.stream().map(XScope::of).toList())
                                                .build())
                        .orElse(XLinkRequest.defaults());
        XLink link = null;
        Throwable failure = null;
        SendingThreads.SEEN.clear();
        caseStartedAt = java.time.Instant.now();
        long start = System.nanoTime();
        try {
            link = linker.requestLink(request);
        } catch (Throwable e) {
            failure = e;
        }
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        checkWhereAttemptsRan(
                n, List.copyOf(SendingThreads.SEEN), Thread.currentThread().getName(), softly);
        RawStubAdmin.Stats stats = stub.stats();
        List<RawStubAdmin.Recorded> requests = stub.requests();

        long maxMillis =
                expect.containsKey("maxMillis")
                        ? expect.getJsonNumber("maxMillis").longValue()
                        : callTimeoutMillis + DEADLINE_SLACK_MILLIS;
        softly.assertThat(took).as("%s: call took (ms)", n).isLessThanOrEqualTo(maxMillis);
        if (expect.containsKey("minMillis")) {
            softly.assertThat(took)
                    .as("%s: call took (ms)", n)
                    .isGreaterThanOrEqualTo(expect.getJsonNumber("minMillis").longValue());
        }
        checkWire(c, requests, softly);
        softly.assertThat(stats.byPath().keySet())
                .as("%s: paths requested", n)
                .isSubsetOf(RawStub.AUTH_PATH);

        if (expect.containsKey("link")) {
            checkLink(c, link, failure, stats, softly);
        } else {
            checkFailure(c, link, failure, stats, softly, maxAttempts);
        }
        if (link != null) {
            linker.cancel(link.state());
        }
        // An attempt abandoned at the deadline must not keep reading in the background.
        softly.assertThat(stub.awaitIdle(Duration.ofMillis(BUSY_AFTER_CALL_MILLIS)).busy())
                .as("%s: connections still busy %d ms after the call", n, BUSY_AFTER_CALL_MILLIS)
                .isZero();
        return took;
    }

    private void checkLink(
            FaultCase c,
            XLink link,
            Throwable failure,
            RawStubAdmin.Stats stats,
            SoftAssertions softly) {
        String n = c.name();
        JsonObject expected = c.expect().getJsonObject("link");
        if (link == null) {
            softly.fail("%s: expected a link but caught %s", n, describe(failure));
            return;
        }
        softly.assertThat(link.state()).as("%s: state", n).isEqualTo(expected.getString("state"));
        softly.assertThat(link.authUrl().toString())
                .as("%s: authUrl", n)
                .isEqualTo(expected.getString("authUrl"));
        String expiresAt = expected.getString("expiresAt");
        softly.assertThat(link.expiresAt())
                .as("%s: expiresAt", n)
                .isEqualTo(
                        expiresAt.equals("lifetime")
                                ? link.requestedAt().plus(LIFETIME)
                                : Instant.parse(expiresAt));
        softly.assertThat(link.account()).as("%s: account", n).isEqualTo("default");
        softly.assertThat(List.copyOf(link.scopes()))
                .as("%s: scopes", n)
                .containsExactlyElementsOf(expectedScopes(c));
        softly.assertThat(stats.authRequests())
                .as("%s: requests the stub received", n)
                .isEqualTo(c.expect().getInt("requests", 1));
        softly.assertThat(
                        events.matching(
                                s ->
                                        !s.async()
                                                && s.event() instanceof XLinkRequested
                                                && s.event().link().equals(link)))
                .as("%s: XLinkRequested observed synchronously", n)
                .hasSize(1);
    }

    private void checkFailure(
            FaultCase c,
            XLink link,
            Throwable failure,
            RawStubAdmin.Stats stats,
            SoftAssertions softly,
            int maxAttempts) {
        String n = c.name();
        JsonObject expect = c.expect();
        String type = expect.getString("exception");
        if (failure == null) {
            softly.fail("%s: expected %s but got link %s", n, type, link);
            return;
        }
        softly.assertThat(failure.getClass().getSimpleName())
                .as("%s: exception type (%s)", n, describe(failure))
                .isEqualTo(type);
        if (!(failure instanceof XLinkException e)) {
            return;
        }
        boolean retryable =
                expect.containsKey("retryable")
                        ? expect.getBoolean("retryable")
                        : type.equals("XLinkUnavailableException")
                                || type.equals("XLinkRateLimitException");
        int attempts = expect.getInt("attempts", retryable ? maxAttempts : 1);
        int requests = expect.getInt("requests", attempts);

        softly.assertThat(e.getMessage())
                .as("%s: message code", n)
                .startsWith(expect.getString("code"));
        for (JsonValue part :
                expect.getJsonArray("messageContains") == null
                        ? List.<JsonValue>of()
                        : expect.getJsonArray("messageContains")) {
            softly.assertThat(e.getMessage())
                    .as("%s: message", n)
                    .contains(((JsonString) part).getString());
        }
        softly.assertThat(e.isRetryable()).as("%s: isRetryable()", n).isEqualTo(retryable);
        softly.assertThat(e.attempts()).as("%s: attempts()", n).isEqualTo(attempts);
        softly.assertThat(stats.authRequests())
                .as("%s: requests the stub received (attempts() = %d)", n, e.attempts())
                .isEqualTo(requests);
        if (expect.containsKey("httpStatus")) {
            JsonValue status = expect.get("httpStatus");
            softly.assertThat(e.httpStatus().isPresent() ? e.httpStatus().getAsInt() : null)
                    .as("%s: httpStatus()", n)
                    .isEqualTo(
                            status.getValueType() == JsonValue.ValueType.NULL
                                    ? null
                                    : ((JsonNumber) status).intValue());
        }
        optional(softly, n, "errorType", expect, e.errorType().orElse(null));
        optional(softly, n, "errorCode", expect, e.errorCode().orElse(null));
        optional(softly, n, "requestId", expect, e.requestId().orElse(null));
        if (expect.containsKey("retryAfterSeconds")) {
            JsonValue seconds = expect.get("retryAfterSeconds");
            Duration expected =
                    seconds.getValueType() == JsonValue.ValueType.NULL
                            ? null
                            : Duration.ofSeconds(((JsonNumber) seconds).longValue());
            softly.assertThat(e)
                    .as("%s: is a rate-limit failure", n)
                    .isInstanceOf(XLinkRateLimitException.class);
            if (e instanceof XLinkRateLimitException limited) {
                softly.assertThat(limited.retryAfter().orElse(null))
                        .as("%s: retryAfter()", n)
                        .isEqualTo(expected);
            }
        }

        List<String> suppressed =
                java.util.Arrays.stream(e.getSuppressed())
                        .filter(XLinkException.class::isInstance)
                        .map(s -> s.getClass().getSimpleName())
                        .toList();
        if (expect.containsKey("suppressed")) {
            softly.assertThat(suppressed)
                    .as("%s: suppressed earlier failures", n)
                    .containsExactlyElementsOf(
                            expect.getJsonArray("suppressed").getValuesAs(JsonString::getString));
        } else {
            softly.assertThat(suppressed)
                    .as("%s: one suppressed failure per earlier attempt", n)
                    .hasSize(Math.max(0, e.attempts() - 1));
        }

        checkNoSecrets(c, e, softly);
        // Asynchronous events of an earlier case's link may still be arriving: only this case's
        // count.
        softly.assertThat(
                        events.matching(
                                s ->
                                        s.event() instanceof XLinkRequested
                                                && !s.event()
                                                        .link()
                                                        .requestedAt()
                                                        .isBefore(caseStartedAt)))
                .as("%s: no XLinkRequested for a failed request", n)
                .isEmpty();
        softly.assertThat(linker.pendingLinks()).as("%s: nothing pending", n).isEmpty();
    }

    /**
     * Every request went out as the library documents it: POST, the key twice, the scopes, and one
     * {@code Idempotency-Key} shared by every attempt of the call.
     */
    private static void checkWire(
            FaultCase c, List<RawStubAdmin.Recorded> requests, SoftAssertions softly) {
        String n = c.name();
        softly.assertThat(requests.stream().map(r -> r.header("Idempotency-Key")).distinct())
                .as("%s: Idempotency-Key of every attempt", n)
                .hasSizeLessThanOrEqualTo(1)
                .allSatisfy(key -> assertThat(key).matches("[0-9a-f-]{36}"));
        for (RawStubAdmin.Recorded request : requests) {
            softly.assertThat(request.method()).as("%s: method", n).isEqualTo("POST");
            softly.assertThat(request.target()).as("%s: target", n).isEqualTo(RawStub.AUTH_PATH);
            softly.assertThat(request.header("Authorization"))
                    .as("%s: Authorization", n)
                    .isEqualTo("Bearer " + KEY);
            JsonObject body;
            try {
                body = Json.createReader(new StringReader(request.body())).readObject();
            } catch (RuntimeException e) {
                softly.fail("%s: request body is not a JSON object: %s", n, e);
                continue;
            }
            softly.assertThat(body.getString("aisa_api_key", null))
                    .as("%s: aisa_api_key", n)
                    .isEqualTo(KEY);
            List<String> scopes = expectedScopes(c).stream().map(XScope::name).toList();
            if (new LinkedHashSet<>(expectedScopes(c)).equals(XScope.defaults())) {
                softly.assertThat(body.containsKey("scopes"))
                        .as("%s: scopes left out for the defaults", n)
                        .isFalse();
            } else {
                softly.assertThat(
                                body.containsKey("scopes")
                                        ? body.getJsonArray("scopes")
                                                .getValuesAs(JsonString::getString)
                                        : null)
                        .as("%s: scopes on the wire", n)
                        .isEqualTo(scopes);
            }
        }
    }

    /** Message, toString() and stack trace of the failure and everything it carries. */
    private static void checkNoSecrets(FaultCase c, XLinkException e, SoftAssertions softly) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> all = new ArrayList<>();
        collect(e, seen, all);
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        for (String secret : c.secrets()) {
            for (Throwable t : all) {
                softly.assertThat(String.valueOf(t.getMessage()))
                        .as("%s: message of %s", c.name(), t.getClass().getName())
                        .doesNotContain(secret);
                softly.assertThat(t.toString())
                        .as("%s: toString() of %s", c.name(), t.getClass().getName())
                        .doesNotContain(secret);
            }
            softly.assertThat(trace.toString())
                    .as("%s: printed stack trace", c.name())
                    .doesNotContain(secret);
        }
    }

    private static void collect(Throwable t, Set<Throwable> seen, List<Throwable> into) {
        if (t == null || !seen.add(t)) {
            return;
        }
        into.add(t);
        collect(t.getCause(), seen, into);
        for (Throwable suppressed : t.getSuppressed()) {
            collect(suppressed, seen, into);
        }
    }

    private static List<XScope> expectedScopes(FaultCase c) {
        return c.scopes()
                .map(names -> names.stream().map(XScope::of).toList())
                .orElse(List.copyOf(XScope.defaults()));
    }

    /** Checks a field the expectation names: absent is not checked, null means empty. */
    private static void optional(
            SoftAssertions softly, String n, String field, JsonObject expect, String actual) {
        if (!expect.containsKey(field)) {
            return;
        }
        JsonValue value = expect.get(field);
        softly.assertThat(actual)
                .as("%s: %s()", n, field)
                .isEqualTo(
                        value.getValueType() == JsonValue.ValueType.NULL
                                ? null
                                : ((JsonString) value).getString());
    }

    private static String describe(Throwable failure) {
        if (failure == null) {
            return "nothing";
        }
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    private static <T> T config(String key, Class<T> type) {
        return ConfigProvider.getConfig().getValue(key, type);
    }
}
