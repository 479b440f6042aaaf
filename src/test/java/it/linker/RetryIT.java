package it.linker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import it.support.Deployments;
import it.support.RecordedEvents;
import it.support.Stub;
import it.support.StubAdmin;
import one.aisa.xlink.XAccountLinker;
import one.aisa.xlink.XLink;
import one.aisa.xlink.XLinkAuthException;
import one.aisa.xlink.XLinkRateLimitException;
import one.aisa.xlink.XLinkRequest;
import one.aisa.xlink.XLinkResponseException;
import one.aisa.xlink.XLinkUnavailableException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static it.support.Answers.flat;
import static it.support.StubAdmin.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Retries and deadlines on the real Liberty: what is retried and what is not, {@code Retry-After},
 * one {@code Idempotency-Key} for all attempts, the overall deadline against a silent server and
 * against a body that trickles in, and scheduled (not slept) backoff on the async path.
 */
@ExtendWith(ArquillianExtension.class)
public class RetryIT {

    static final String KEY = "sk-aisa-TESTKEY-retry-0006";
    static final String OK = flat("st-retry-ok", "2030-01-01T00:00:00Z");

    @Deployment
    public static WebArchive app() {
        return Deployments.app(
                "retry",
                Stub.config()
                        + "aisa.api-key="
                        + KEY
                        + "\naisa.retry.initial-backoff=PT0.2S\n"
                        + "aisa.retry.max-wait=PT3S\n"
                        + "aisa.call-timeout=PT4S\n"
                        + "aisa/mp-rest/readTimeout=10000\n",
                RetryIT.class);
    }

    @Inject XAccountLinker linker;

    @Inject RecordedEvents events;

    StubAdmin stub;

    @BeforeEach
    void reset() {
        stub = StubAdmin.fromConfig().reset();
        events.clear();
        linker.pendingLinks().forEach(link -> linker.cancel(link.state()));
    }

    @Test
    void serverErrorsAreRetriedWithOneIdempotencyKey() {
        stub.sequence(
                response(503, "{\"error\":{\"code\":\"upstream_unavailable\"}}"),
                response(502, "{}"),
                response(200, OK));

        XLink link = linker.requestLink();

        assertThat(link.state()).isEqualTo("st-retry-ok");
        List<JsonObject> requests = stub.requests();
        assertThat(requests).hasSize(3);
        assertThat(requests)
                .extracting(r -> r.getJsonObject("headers").getString("Idempotency-Key"))
                .containsOnly(
                        requests.get(0).getJsonObject("headers").getString("Idempotency-Key"));
        assertThat(events.await(s -> true, 2, Duration.ofSeconds(5)))
                .as("one link, announced once")
                .hasSize(2);
    }

    @Test
    void exhaustedRetriesReportTheLastFailureWithEarlierOnesSuppressed() {
        stub.sequence(
                response(500, "{\"msg\":\"first\"}"),
                response(503, "{\"msg\":\"second\"}"),
                response(504, "{\"msg\":\"third\"}"));

        XLinkUnavailableException e =
                catchThrowableOfType(XLinkUnavailableException.class, linker::requestLink);

        assertThat(e.httpStatus()).hasValue(504);
        assertThat(e.attempts()).isEqualTo(3);
        assertThat(e.getSuppressed()).hasSize(2);
        assertThat(e.getSuppressed()[0].getMessage()).contains("first");
        assertThat(e.getSuppressed()[1].getMessage()).contains("second");
        assertThat(stub.requests()).hasSize(3);
    }

    @Test
    void clientErrorsAndUnusableAnswersAreNeverRetried() {
        stub.answer(
                401,
                "{\"error\":{\"code\":\"invalid_api_key\"}}",
                Map.of("Content-Type", "application/json"));
        XLinkAuthException auth =
                catchThrowableOfType(XLinkAuthException.class, linker::requestLink);
        assertThat(auth.attempts()).isEqualTo(1);
        assertThat(stub.requests()).hasSize(1);

        stub.reset().answerJson("{\"auth_url\":\"https://evil.example/?state=s\",\"state\":\"s\"}");
        XLinkResponseException unusable =
                catchThrowableOfType(XLinkResponseException.class, linker::requestLink);
        assertThat(unusable.attempts()).isEqualTo(1);
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void rateLimitWaitsForRetryAfter() {
        stub.sequence(response(429, "{}", "Retry-After", "1"), response(200, OK));

        long start = System.nanoTime();
        XLink link = linker.requestLink();
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(link.state()).isEqualTo("st-retry-ok");
        assertThat(tookMillis).as("waited for Retry-After: 1").isGreaterThanOrEqualTo(1000);
        assertThat(stub.requests()).hasSize(2);
    }

    @Test
    void retryAfterBeyondTheMaximumWaitFailsAtOnce() {
        stub.answer(429, "{}", Map.of("Content-Type", "application/json", "Retry-After", "120"));

        long start = System.nanoTime();
        XLinkRateLimitException e =
                catchThrowableOfType(XLinkRateLimitException.class, linker::requestLink);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(tookMillis)
                .as("no wait for Retry-After (120 s) nor for aisa.retry.max-wait (3 s)")
                .isLessThan(2500);
    }

    @Test
    void silentServerIsCutOffAtTheCallDeadline() {
        stub.delayed(200, OK, 8000);

        long start = System.nanoTime();
        XLinkUnavailableException e =
                catchThrowableOfType(XLinkUnavailableException.class, linker::requestLink);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(e.getMessage()).startsWith("AISAX016");
        assertThat(tookMillis).as("aisa.call-timeout=PT4S").isBetween(3900L, 5000L);
        assertThat(linker.pendingLinks()).isEmpty();
    }

    @Test
    void bodyTricklingInIsCutOffAtTheCallDeadline() {
        stub.dribbled(OK, 40, 20_000);

        long start = System.nanoTime();
        XLinkUnavailableException e =
                catchThrowableOfType(XLinkUnavailableException.class, linker::requestLink);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(e.getMessage()).startsWith("AISAX01");
        assertThat(tookMillis)
                .as("a per-read timeout never fires on a drip; the deadline does")
                .isBetween(3900L, 5000L);
    }

    @Test
    void asyncRetriesDoNotBlockTheCaller() throws Exception {
        stub.sequence(response(503, "{}"), response(503, "{}"), response(200, OK));

        long start = System.nanoTime();
        CompletableFuture<XLink> future =
                linker.requestLinkAsync(XLinkRequest.defaults()).toCompletableFuture();
        long returnedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        XLink link = future.get(10, TimeUnit.SECONDS);

        assertThat(returnedMillis).isLessThan(150);
        assertThat(link.state()).isEqualTo("st-retry-ok");
        assertThat(stub.requests()).hasSize(3);
    }
}
