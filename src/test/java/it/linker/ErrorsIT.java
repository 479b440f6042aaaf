package it.linker;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import it.support.Answers;
import it.support.Deployments;
import it.support.RecordedEvents;
import it.support.Stub;
import it.support.StubAdmin;
import one.aisa.xlink.XAccountLinker;
import one.aisa.xlink.XLinkAuthException;
import one.aisa.xlink.XLinkException;
import one.aisa.xlink.XLinkForbiddenException;
import one.aisa.xlink.XLinkRateLimitException;
import one.aisa.xlink.XLinkRequestException;
import one.aisa.xlink.XLinkResponseException;
import one.aisa.xlink.XLinkUnavailableException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every error status and odd body reaches the caller as the typed exception its status calls for,
 * with AIsa's identifiers and without the key; network faults and timeouts become {@link
 * XLinkUnavailableException}; nothing is tracked or announced for a failed request.
 */
@ExtendWith(ArquillianExtension.class)
public class ErrorsIT {

    static final String KEY = "sk-aisa-TESTKEY-errors-0003";
    static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    @Deployment
    public static WebArchive app() {
        return Deployments.app(
                "errors",
                Stub.config()
                        + "aisa.api-key="
                        + KEY
                        + "\naisa/mp-rest/readTimeout=1500\n"
                        + "aisa.retry.max-attempts=1\n",
                ErrorsIT.class);
    }

    @Inject XAccountLinker linker;

    @Inject RecordedEvents events;

    StubAdmin stub;

    @BeforeEach
    void reset() {
        stub = StubAdmin.fromConfig().reset();
        events.clear();
    }

    @Test
    void aisaErrorObjectFillsTypeCodeAndRequestId() {
        stub.answer(
                400,
                "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"invalid_parameter\","
                        + "\"message\":\"unsupported scope\",\"request_id\":\"req_01ABC\"}}",
                JSON);

        XLinkRequestException e = failure(XLinkRequestException.class);

        assertThat(e.httpStatus()).hasValue(400);
        assertThat(e.errorType()).contains("invalid_request_error");
        assertThat(e.errorCode()).contains("invalid_parameter");
        assertThat(e.requestId()).contains("req_01ABC");
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).startsWith("AISAX034").contains("unsupported scope");
    }

    @Test
    void unauthorizedIsAnAuthFailureAndNeverQuotesTheKey() {
        stub.answer(
                401,
                "{\"error\":{\"type\":\"authentication_error\",\"code\":\"invalid_api_key\","
                        + "\"message\":\"Invalid API key "
                        + KEY
                        + "\"}}",
                Map.of("Content-Type", "application/json", "X-Request-Id", "req_hdr_9"));

        XLinkAuthException e = failure(XLinkAuthException.class);

        assertThat(e.errorCode()).contains("invalid_api_key");
        assertThat(e.requestId()).contains("req_hdr_9");
        assertThat(e.getMessage())
                .startsWith("AISAX030")
                .doesNotContain(KEY)
                .doesNotContain("TESTKEY");
        assertThat(e.toString()).doesNotContain(KEY);
        assertThat(e.getCause()).isNull();
    }

    @Test
    void forbiddenWithXProblemJson() {
        stub.answer(
                403,
                "{\"title\":\"Forbidden\",\"detail\":\"client-forbidden\",\"type\":\"about:blank\",\"status\":403}",
                Map.of("Content-Type", "application/problem+json"));

        XLinkForbiddenException e = failure(XLinkForbiddenException.class);

        assertThat(e.httpStatus()).hasValue(403);
        assertThat(e.getMessage()).contains("client-forbidden");
    }

    @Test
    void otherClientErrorsWhateverTheBody() {
        stub.answer(
                404,
                "<!DOCTYPE html><html><body>Not Found</body></html>",
                Map.of("Content-Type", "text/html"));
        assertThat(failure(XLinkRequestException.class).getMessage()).contains("HTML page");

        stub.reset().answer(409, "conflict, try later", Map.of("Content-Type", "text/plain"));
        assertThat(failure(XLinkRequestException.class).getMessage())
                .contains("conflict, try later");

        stub.reset()
                .answer(
                        422,
                        "{\"ok\":false,\"code\":422,\"message\":\"aisa_api_key is required\"}",
                        JSON);
        XLinkRequestException envelope = failure(XLinkRequestException.class);
        assertThat(envelope.errorCode()).contains("422");
        assertThat(envelope.getMessage()).contains("aisa_api_key is required");

        stub.reset().answer(400, null, Map.of());
        assertThat(failure(XLinkRequestException.class).getMessage()).contains("empty body");
    }

    @Test
    void rateLimitCarriesRetryAfter() {
        stub.answer(
                429,
                "{\"error\":{\"type\":\"rate_limit_error\","
                        + "\"code\":\"rate_limit_exceeded\",\"message\":\"slow down\"}}",
                Map.of("Content-Type", "application/json", "Retry-After", "7"));

        XLinkRateLimitException e = failure(XLinkRateLimitException.class);

        assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.errorType()).contains("rate_limit_error");
    }

    @Test
    void serverErrorsAreUnavailableAndRetryable() {
        for (int status : new int[] {500, 502, 503, 504}) {
            stub.reset()
                    .answer(
                            status,
                            "{\"code\":" + status + ",\"msg\":\"upstream down\",\"data\":null}",
                            JSON);

            XLinkUnavailableException e = failure(XLinkUnavailableException.class);

            assertThat(e.httpStatus()).as("status %d", status).hasValue(status);
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.getMessage()).contains("upstream down");
        }
    }

    @Test
    void successStatusWithoutALinkIsAResponseFailure() {
        stub.answer(
                200,
                "<html><body>Welcome to our portal</body></html>",
                Map.of("Content-Type", "text/html"));
        assertThat(failure(XLinkResponseException.class).getMessage()).startsWith("AISAX028");

        stub.reset().answerJson("{\"ok\":true,\"code\":200,\"data\":{\"url\":\"https://x.com/\"}}");
        assertThat(failure(XLinkResponseException.class).getMessage()).startsWith("AISAX029");

        stub.reset()
                .answerJson(
                        "{\"auth_url\":\"https://evil.example/authorize?state=s1\",\"state\":\"s1\"}");
        assertThat(failure(XLinkResponseException.class).getMessage())
                .contains("evil.example")
                .doesNotContain("state=s1");
    }

    @Test
    void failureInsideASuccessEnvelopeKeepsItsMeaning() {
        stub.answerJson("{\"ok\":false,\"code\":401,\"message\":\"invalid key\"}");

        assertThat(failure(XLinkAuthException.class).httpStatus()).hasValue(401);
    }

    @Test
    void brokenConnectionsAreUnavailable() {
        for (String fault :
                new String[] {
                    "CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "RANDOM_DATA_THEN_CLOSE"
                }) {
            stub.reset().fault(fault);

            XLinkUnavailableException e = failure(XLinkUnavailableException.class);

            assertThat(e.httpStatus()).as(fault).isEmpty();
            assertThat(e.getMessage()).as(fault).startsWith("AISAX01");
        }
    }

    @Test
    void slowAnswerHitsTheReadTimeout() {
        stub.delayed(200, Answers.flat("st-slow-1", "2030-01-01T00:00:00Z"), 4000);

        long start = System.nanoTime();
        XLinkUnavailableException e = failure(XLinkUnavailableException.class);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(e.getMessage()).startsWith("AISAX010");
        assertThat(tookMillis).as("bounded by aisa/mp-rest/readTimeout=1500").isLessThan(3500);
    }

    @Test
    void asyncFailureCompletesWithTheTypedExceptionItself() throws Exception {
        stub.answer(401, "{\"error\":{\"code\":\"revoked_api_key\"}}", JSON);

        var future =
                linker.requestLinkAsync(one.aisa.xlink.XLinkRequest.defaults())
                        .toCompletableFuture();
        ExecutionException e =
                catchThrowableOfType(
                        ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));

        assertThat(e.getCause()).isInstanceOf(XLinkAuthException.class);
        assertThat(((XLinkAuthException) e.getCause()).errorCode()).contains("revoked_api_key");
    }

    @Test
    void failedRequestsAreNeitherTrackedNorAnnounced() throws Exception {
        stub.answer(500, "", Map.of());
        failure(XLinkUnavailableException.class);

        TimeUnit.MILLISECONDS.sleep(300);
        assertThat(events.all()).isEmpty();
        assertThat(linker.pendingLinks()).isEmpty();
    }

    private <T extends XLinkException> T failure(Class<T> type) {
        T e = catchThrowableOfType(type, () -> linker.requestLink());
        assertThat(e).as("expected %s", type.getSimpleName()).isNotNull();
        assertThat(e.getMessage()).doesNotContain(KEY);
        return e;
    }
}
