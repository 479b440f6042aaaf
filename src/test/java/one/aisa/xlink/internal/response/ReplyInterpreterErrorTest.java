package one.aisa.xlink.internal.response;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import one.aisa.xlink.XLinkAuthException;
import one.aisa.xlink.XLinkException;
import one.aisa.xlink.XLinkForbiddenException;
import one.aisa.xlink.XLinkRateLimitException;
import one.aisa.xlink.XLinkRequestException;
import one.aisa.xlink.XLinkUnavailableException;
import one.aisa.xlink.internal.client.RawReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static one.aisa.xlink.internal.response.Replies.KEY;
import static one.aisa.xlink.internal.response.Replies.assertKeepsSecrets;
import static one.aisa.xlink.internal.response.Replies.headers;
import static one.aisa.xlink.internal.response.Replies.json;
import static one.aisa.xlink.internal.response.Replies.jsonReply;
import static one.aisa.xlink.internal.response.Replies.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Error answers: which exception each status calls for, and what it carries from the body. */
class ReplyInterpreterErrorTest {

    private static final String AISA_ERROR =
            "{'error':{'type':'authentication_error','code':'invalid_api_key',"
                    + "'message':'Invalid key "
                    + KEY
                    + "','request_id':'req_01JABCD9F1YYEXAMPLE'}}";

    private final ReplyInterpreter interpreter = Replies.interpreter();

    private XLinkException failure(RawReply reply) {
        XLinkException e =
                catchThrowableOfType(XLinkException.class, () -> interpreter.grant(reply, KEY));
        assertThat(e).as("XLinkException").isNotNull();
        assertThat(e.getCause()).isNull();
        assertKeepsSecrets(e);
        return e;
    }

    static Stream<Arguments> statuses() {
        return Stream.of(
                arguments(400, XLinkRequestException.class, false, "AISAX034"),
                arguments(401, XLinkAuthException.class, false, "AISAX030"),
                arguments(403, XLinkForbiddenException.class, false, "AISAX031"),
                arguments(404, XLinkRequestException.class, false, "AISAX034"),
                arguments(405, XLinkRequestException.class, false, "AISAX034"),
                arguments(409, XLinkRequestException.class, false, "AISAX034"),
                arguments(422, XLinkRequestException.class, false, "AISAX034"),
                arguments(429, XLinkRateLimitException.class, true, "AISAX032"),
                arguments(500, XLinkUnavailableException.class, true, "AISAX033"),
                arguments(502, XLinkUnavailableException.class, true, "AISAX033"),
                arguments(503, XLinkUnavailableException.class, true, "AISAX033"),
                arguments(504, XLinkUnavailableException.class, true, "AISAX033"));
    }

    @ParameterizedTest
    @MethodSource("statuses")
    void statusDecidesTheExceptionTypeAndWhetherToRetry(
            int status, Class<? extends XLinkException> type, boolean retryable, String code) {
        XLinkException e = failure(jsonReply(status, AISA_ERROR));

        assertThat(e).isExactlyInstanceOf(type).hasMessageStartingWith(code + ": ");
        assertThat(e.httpStatus()).hasValue(status);
        assertThat(e.isRetryable()).isEqualTo(retryable);
        assertThat(e.errorType()).contains("authentication_error");
        assertThat(e.errorCode()).contains("invalid_api_key");
        assertThat(e.requestId()).contains("req_01JABCD9F1YYEXAMPLE");
        assertThat(e.attempts()).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("statuses")
    void statusDecidesTheExceptionTypeEvenWithoutABody(
            int status, Class<? extends XLinkException> type, boolean retryable, String code) {
        XLinkException e = failure(reply(status, Map.of(), ""));

        assertThat(e)
                .isExactlyInstanceOf(type)
                .hasMessageContaining("HTTP " + status + " with an empty body");
        assertThat(e.isRetryable()).isEqualTo(retryable);
        assertThat(e.errorType()).isEmpty();
        assertThat(e.errorCode()).isEmpty();
        assertThat(e.requestId()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {402, 407, 408, 410, 413, 415, 418, 451, 499})
    void otherClientErrorsAreRequestFailures(int status) {
        assertThat(failure(reply(status, Map.of(), "")))
                .isExactlyInstanceOf(XLinkRequestException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {501, 505, 507, 520, 599})
    void otherServerErrorsAreUnavailability(int status) {
        assertThat(failure(reply(status, Map.of(), "")))
                .isExactlyInstanceOf(XLinkUnavailableException.class);
    }

    @Test
    void aisaErrorObjectFillsEveryFieldAndTheMessage() {
        XLinkException e = failure(jsonReply(401, AISA_ERROR));

        assertThat(e)
                .hasMessage(
                        "AISAX030: AIsa refused the API key: HTTP 401"
                                + " [authentication_error/invalid_api_key] \"Invalid key"
                                + " <redacted>\" (request id req_01JABCD9F1YYEXAMPLE). Check the"
                                + " account's aisa.api-key (or aisa.accounts.<name>.api-key).");
    }

    @Test
    void okFalseEnvelopeGivesItsCodeAndMessage() {
        XLinkException e =
                failure(
                        jsonReply(
                                401,
                                "{'ok':false,'code':401,'message':'Invalid key " + KEY + "'}"));

        assertThat(e)
                .hasMessage(
                        "AISAX030: AIsa refused the API key: HTTP 401 [401] \"Invalid key"
                                + " <redacted>\". Check the account's aisa.api-key (or"
                                + " aisa.accounts.<name>.api-key).");
        assertThat(e.errorType()).isEmpty();
        assertThat(e.errorCode()).contains("401");
        assertThat(e.requestId()).isEmpty();
    }

    @Test
    void relayAnswerGivesItsCodeAndMsg() {
        XLinkException e =
                failure(jsonReply(403, "{'code':403,'msg':'Twitter session missing','data':null}"));

        assertThat(e)
                .isExactlyInstanceOf(XLinkForbiddenException.class)
                .hasMessage(
                        "AISAX031: AIsa refused the call for this API key: HTTP 403 [403] \"Twitter"
                                + " session missing\". Check the key's permissions in the AIsa"
                                + " console.");
        assertThat(e.errorCode()).contains("403");
    }

    @Test
    void xProblemJsonGivesItsTypeAndDetail() {
        XLinkException e =
                failure(
                        reply(
                                403,
                                headers("content-type", "application/problem+json"),
                                json(
                                        "{'title':'Forbidden','detail':'You are not permitted to"
                                                + " perform this action.','type':"
                                                + "'https://api.twitter.com/2/problems/client-forbidden',"
                                                + "'status':403}")));

        assertThat(e)
                .hasMessage(
                        "AISAX031: AIsa refused the call for this API key: HTTP 403"
                                + " [https://api.twitter.com/2/problems/client-forbidden] \"You"
                                + " are not permitted to perform this action.\". Check the key's"
                                + " permissions in the AIsa console.");
        assertThat(e.errorType()).contains("https://api.twitter.com/2/problems/client-forbidden");
        assertThat(e.errorCode()).isEmpty();
    }

    @Test
    void xProblemJsonWithOnlyATitleUsesTheTitle() {
        XLinkException e = failure(jsonReply(404, "{'title':'Not Found Error','status':404}"));

        assertThat(e).hasMessageContaining("HTTP 404 \"Not Found Error\"");
    }

    @Test
    void errorsArrayGivesTheFirstCodeAndMessage() {
        XLinkException e =
                failure(
                        jsonReply(
                                429,
                                "{'errors':[{'message':'Rate limit exceeded','code':88},"
                                        + "{'message':'second','code':89}]}"));

        assertThat(e)
                .isExactlyInstanceOf(XLinkRateLimitException.class)
                .hasMessage(
                        "AISAX032: AIsa rate-limited the API key: HTTP 429 [88] \"Rate limit"
                                + " exceeded\". Wait for retryAfter(), then retry.");
        assertThat(e.errorCode()).contains("88");
    }

    @Test
    void oauthStyleErrorGivesItsCodeAndDescription() {
        XLinkException e =
                failure(
                        jsonReply(
                                400,
                                "{'error':'invalid_scope','error_description':'scope bogus.read"
                                        + " is not supported'}"));

        assertThat(e)
                .hasMessage(
                        "AISAX034: AIsa rejected the request: HTTP 400 [invalid_scope] \"scope"
                                + " bogus.read is not supported\". Check the requested scopes and"
                                + " aisa.base-url.");
    }

    @Test
    void htmlPageIsDescribedNotQuoted() {
        XLinkException e =
                failure(
                        reply(
                                502,
                                headers("content-type", "text/html"),
                                "<html><body><h1>502 Bad Gateway</h1>" + KEY + "</body></html>"));

        assertThat(e)
                .hasMessage(
                        "AISAX033: AIsa failed to answer: HTTP 502 with an HTML page instead of"
                                + " AIsa's JSON error. Retry later.");
    }

    @Test
    void htmlPageIsRecognisedWithoutItsContentType() {
        XLinkException e =
                failure(reply(503, Map.of(), "  <!DOCTYPE html><html><p>down</p></html>"));

        assertThat(e)
                .hasMessageContaining("HTTP 503 with an HTML page instead of AIsa's JSON error");
    }

    @Test
    void plainTextGivesItsFirstLine() {
        XLinkException e =
                failure(
                        reply(
                                503,
                                headers("content-type", "text/plain"),
                                "Service Unavailable for " + KEY + "\nsecond line\n"));

        assertThat(e)
                .hasMessage(
                        "AISAX033: AIsa failed to answer: HTTP 503 \"Service Unavailable for"
                                + " <redacted>\". Retry later.");
    }

    @Test
    void emptyBodyIsSaidToBeEmpty() {
        assertThat(failure(reply(504, Map.of(), "")))
                .hasMessage(
                        "AISAX033: AIsa failed to answer: HTTP 504 with an empty body. Retry later.");
    }

    @ParameterizedTest
    @CsvSource({"x-request-id, req-a", "request-id, req-b", "x-aisa-request-id, req-c"})
    void requestIdComesFromAHeaderWhenTheBodyHasNone(String header, String id) {
        XLinkException e = failure(reply(500, headers(header, id), ""));

        assertThat(e.requestId()).contains(id);
        assertThat(e)
                .hasMessage(
                        "AISAX033: AIsa failed to answer: HTTP 500 with an empty body (request id "
                                + id
                                + "). Retry later.");
    }

    @Test
    void requestIdInTheBodyWinsOverTheHeader() {
        RawReply reply =
                reply(
                        401,
                        headers("content-type", "application/json", "x-request-id", "req-header"),
                        json(AISA_ERROR));

        assertThat(failure(reply).requestId()).contains("req_01JABCD9F1YYEXAMPLE");
    }

    @Test
    void topLevelRequestIdIsRead() {
        XLinkException e =
                failure(
                        jsonReply(
                                500,
                                "{'ok':false,'code':500,'message':'boom','request_id':'req-top'}"));

        assertThat(e.requestId()).contains("req-top");
    }

    @Test
    void longMessagesAreShortenedAndFlattened() {
        String text = "line one\r\n\tline two " + "x".repeat(400);

        XLinkException e =
                failure(
                        jsonReply(
                                400,
                                "{'message':'"
                                        + text.replace("\r", "\\r")
                                                .replace("\n", "\\n")
                                                .replace("\t", "\\t")
                                        + "'}"));

        String expected = ("line one line two " + "x".repeat(400)).substring(0, 200) + "...";
        assertThat(e)
                .hasMessage(
                        "AISAX034: AIsa rejected the request: HTTP 400 \""
                                + expected
                                + "\". Check the requested scopes and aisa.base-url.");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "30                              | PT30S",
                "' 7 '                           | PT7S",
                "0                               | PT0S",
                "1.2                             | PT2S",
                "0.001                           | PT1S",
                "2.0                             | PT2S",
                "999999999                       | PT277777H46M39S",
                "Sat, 18 Apr 2026 06:51:30 GMT   | PT1M30S",
                "Sat, 18 Apr 2026 06:50:00 GMT   | PT0S"
            })
    void retryAfterIsReadAsSecondsOrHttpDate(String header, String expected) {
        XLinkRateLimitException e =
                (XLinkRateLimitException) failure(reply(429, headers("retry-after", header), ""));

        assertThat(e.retryAfter()).contains(Duration.parse(expected));
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.httpStatus()).hasValue(429);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "-5",
                "-0.5",
                "soon",
                "",
                "  ",
                "1e3",
                "+30",
                "30s",
                "1,5",
                "9999999999",
                "Sat, 18 Apr 2026 06:51:30",
                "2026-04-18T06:51:30Z",
                "Fri, 17 Apr 2026 06:50:00 GMT"
            })
    void retryAfterThatIsNegativeOrGarbageGivesNoHint(String header) {
        XLinkRateLimitException e =
                (XLinkRateLimitException) failure(reply(429, headers("retry-after", header), ""));

        assertThat(e.retryAfter()).isEmpty();
    }

    @Test
    void missingRetryAfterGivesNoHint() {
        XLinkRateLimitException e =
                (XLinkRateLimitException)
                        failure(
                                jsonReply(
                                        429,
                                        "{'error':{'type':'rate_limit_error','code':'rate_limit_exceeded'}}"));

        assertThat(e.retryAfter()).isEmpty();
        assertThat(e.errorType()).contains("rate_limit_error");
        assertThat(e.errorCode()).contains("rate_limit_exceeded");
    }

    static Stream<Arguments> echoes() {
        return Stream.of(
                        json(AISA_ERROR),
                        json("{'ok':false,'code':401,'message':'Invalid key " + KEY + "'}"),
                        json("{'code':401,'msg':'Invalid key " + KEY + "','data':null}"),
                        json(
                                "{'title':'Unauthorized','detail':'Invalid key "
                                        + KEY
                                        + "','type':'about:blank','status':401}"),
                        json(
                                "{'errors':[{'message':'Invalid key "
                                        + KEY
                                        + "','code':'"
                                        + KEY
                                        + "'}]}"),
                        json(
                                "{'error':'"
                                        + KEY
                                        + "','error_description':'Invalid key "
                                        + KEY
                                        + "'}"),
                        json(
                                "{'error':{'type':'"
                                        + KEY
                                        + "','code':'"
                                        + KEY
                                        + "','message':'x','request_id':'"
                                        + KEY
                                        + "'}}"),
                        json("{'message':'Invalid key sk\\u002daisa-TESTKEY-123'}"),
                        json("{'message':'Authorization: Bearer " + KEY + "'}"),
                        json("{'message':'" + "p".repeat(190) + " " + KEY + "'}"),
                        "<html><body>Invalid key " + KEY + "</body></html>",
                        "Invalid key " + KEY,
                        "")
                .flatMap(
                        body ->
                                Stream.of(400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504)
                                        .map(status -> arguments(status, body)));
    }

    @ParameterizedTest
    @MethodSource("echoes")
    void noExceptionRepeatsTheApiKeyEchoedInAnErrorAnswer(int status, String body) {
        RawReply reply =
                reply(
                        status,
                        headers(
                                "content-type",
                                body.startsWith("{") ? "application/json" : "text/plain",
                                "x-request-id",
                                "req-for-" + KEY),
                        body);

        XLinkException e = failure(reply);

        assertThat(e.toString()).doesNotContain("TESTKEY");
    }

    @Test
    void keyThatDoesNotLookLikeAKeyIsRemovedToo() {
        String key = "AISA-PLAINKEY-9";
        RawReply reply = jsonReply(401, "{'message':'Invalid key " + key + " for you'}");

        XLinkException e =
                catchThrowableOfType(XLinkException.class, () -> interpreter.grant(reply, key));

        assertThat(e)
                .hasMessageContaining("\"Invalid key <redacted> for you\"")
                .hasMessageNotContaining(key);
    }

    @Test
    void urlsAndStatesAnErrorEchoesAreRemoved() {
        RawReply reply =
                jsonReply(
                        400,
                        "{'message':'link https://twitter.com/i/oauth2/authorize?client_id=c&state=S3CRET"
                                + " expired; state=OTHER1 too'}");

        XLinkException e =
                catchThrowableOfType(
                        XLinkException.class, () -> interpreter.grant(reply, "sk-aisa-k-1"));

        assertThat(e)
                .hasMessageContaining("link <redacted> expired; <redacted> too")
                .hasMessageNotContaining("S3CRET")
                .hasMessageNotContaining("OTHER1")
                .hasMessageNotContaining("twitter.com");
    }
}
