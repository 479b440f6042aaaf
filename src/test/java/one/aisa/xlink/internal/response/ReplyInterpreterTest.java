package one.aisa.xlink.internal.response;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import one.aisa.xlink.XLinkAuthException;
import one.aisa.xlink.XLinkException;
import one.aisa.xlink.XLinkRequestException;
import one.aisa.xlink.XLinkResponseException;
import one.aisa.xlink.XLinkUnavailableException;
import one.aisa.xlink.internal.client.RawReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static one.aisa.xlink.internal.response.Replies.KEY;
import static one.aisa.xlink.internal.response.Replies.STATE;
import static one.aisa.xlink.internal.response.Replies.URL;
import static one.aisa.xlink.internal.response.Replies.assertKeepsSecrets;
import static one.aisa.xlink.internal.response.Replies.headers;
import static one.aisa.xlink.internal.response.Replies.jsonReply;
import static one.aisa.xlink.internal.response.Replies.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The three generations of success answers, and success answers that are not usable links. */
class ReplyInterpreterTest {

    private final ReplyInterpreter interpreter = Replies.interpreter();

    private XLinkResponseException refused(RawReply reply) {
        XLinkResponseException e =
                catchThrowableOfType(
                        XLinkResponseException.class, () -> interpreter.grant(reply, KEY));
        assertThat(e).as("XLinkResponseException").isNotNull();
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getCause()).isNull();
        assertKeepsSecrets(e);
        return e;
    }

    @Test
    void flatAnswerOfGenerationAGrantsItsFields() {
        LinkGrant grant =
                interpreter.grant(
                        jsonReply(
                                200,
                                "{'auth_url':'"
                                        + URL
                                        + "','state':'"
                                        + STATE
                                        + "','expires_at':'2026-04-18T07:00:00Z'}"),
                        KEY);

        assertThat(grant.authUrl().toString()).isEqualTo(URL);
        assertThat(grant.state()).isEqualTo(STATE);
        assertThat(grant.expiresAt()).contains(Instant.parse("2026-04-18T07:00:00Z"));
    }

    @Test
    void envelopeOfGenerationBTakesTheStateFromTheUrl() {
        LinkGrant grant =
                interpreter.grant(
                        jsonReply(200, "{'ok':true,'code':200,'data':{'auth_url':'" + URL + "'}}"),
                        KEY);

        assertThat(grant.authUrl().toString()).isEqualTo(URL);
        assertThat(grant.state()).isEqualTo(STATE);
        assertThat(grant.expiresAt()).isEmpty();
    }

    @Test
    void relayAnswerOfGenerationCReadsTheDataObject() {
        LinkGrant grant =
                interpreter.grant(
                        jsonReply(
                                200,
                                "{'code':200,'msg':'ok','data':{'auth_url':'"
                                        + URL
                                        + "','state':'"
                                        + STATE
                                        + "','expires_at':1776495600}}"),
                        KEY);

        assertThat(grant.authUrl().toString()).isEqualTo(URL);
        assertThat(grant.state()).isEqualTo(STATE);
        assertThat(grant.expiresAt()).contains(Instant.parse("2026-04-18T07:00:00Z"));
    }

    @Test
    void anyTwoHundredStatusIsASuccess() {
        LinkGrant grant =
                interpreter.grant(
                        jsonReply(201, "{'auth_url':'" + URL + "','state':'" + STATE + "'}"), KEY);

        assertThat(grant.state()).isEqualTo(STATE);
    }

    @Test
    void stateInTheUrlIsPercentDecoded() {
        String url = "https://x.com/i/oauth2/authorize?client_id=AIsa&state=ab%2Bcd%3D%3D";

        LinkGrant grant =
                interpreter.grant(jsonReply(200, "{'data':{'auth_url':'" + url + "'}}"), KEY);

        assertThat(grant.state()).isEqualTo("ab+cd==");
        assertThat(grant.authUrl().toString()).isEqualTo(url);
    }

    @Test
    void stateFieldAndUrlStateMayAgreeInEncodedForm() {
        String url = "https://x.com/i/oauth2/authorize?state=ab%2Bcd";

        LinkGrant grant =
                interpreter.grant(
                        jsonReply(200, "{'auth_url':'" + url + "','state':'ab+cd'}"), KEY);

        assertThat(grant.state()).isEqualTo("ab+cd");
    }

    @Test
    void stateFieldSufficesWhenTheUrlCarriesNone() {
        String url = "https://twitter.com/i/oauth2/authorize?client_id=AIsa";

        LinkGrant grant =
                interpreter.grant(
                        jsonReply(200, "{'auth_url':'" + url + "','state':'" + STATE + "'}"), KEY);

        assertThat(grant.state()).isEqualTo(STATE);
    }

    @Test
    void stateFieldThatContradictsTheUrlIsRefused() {
        XLinkResponseException e =
                refused(jsonReply(200, "{'auth_url':'" + URL + "','state':'st-SECRET-OTHER'}"));

        assertThat(e)
                .hasMessage(
                        "AISAX040: AIsa's state and the state in its auth_url disagree; the link"
                                + " is not trustworthy.");
        assertThat(e.httpStatus()).hasValue(200);
    }

    @Test
    void urlWithTwoDifferentStatesIsRefused() {
        String url = "https://x.com/i/oauth2/authorize?state=st-SECRET-123&state=st-SECRET-456";

        assertThat(refused(jsonReply(200, "{'data':{'auth_url':'" + url + "'}}")))
                .hasMessage("AISAX027: AIsa's auth_url carries two different states.");
    }

    @Test
    void urlWithAMalformedStateEscapeIsRefused() {
        String url = "https://x.com/i/oauth2/authorize?state=st-SECRET-123%2";

        assertThat(refused(jsonReply(200, "{'data':{'auth_url':'" + url + "'}}")))
                .hasMessage("AISAX023: AIsa's auth_url is not a valid URL.");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://twitter.com/i/oauth2/authorize?client_id=AIsa",
                "https://twitter.com/i/oauth2/authorize?state=",
                "https://twitter.com/i/oauth2/authorize?state",
                "https://twitter.com/i/oauth2/authorize?xstate=st-SECRET-123",
                "https://twitter.com/i/oauth2/authorize#state=st-SECRET-123"
            })
    void answerWithoutAnyStateIsRefused(String url) {
        assertThat(
                        refused(
                                jsonReply(
                                        200,
                                        "{'ok':true,'code':200,'data':{'auth_url':'"
                                                + url
                                                + "'}}")))
                .hasMessage(
                        "AISAX041: AIsa's answer carries no state, neither as a field nor in"
                                + " auth_url.");
    }

    @Test
    void emptyOrNullStateFieldFallsBackToTheUrl() {
        assertThat(
                        interpreter
                                .grant(jsonReply(200, "{'auth_url':'" + URL + "','state':''}"), KEY)
                                .state())
                .isEqualTo(STATE);
        assertThat(
                        interpreter
                                .grant(
                                        jsonReply(200, "{'auth_url':'" + URL + "','state':null}"),
                                        KEY)
                                .state())
                .isEqualTo(STATE);
    }

    @Test
    void blankStateIsRefused() {
        String url = "https://twitter.com/i/oauth2/authorize?client_id=AIsa";

        assertThat(refused(jsonReply(200, "{'auth_url':'" + url + "','state':'   '}")))
                .hasMessage("AISAX042: AIsa's state is blank or longer than 512 characters.");
    }

    @Test
    void stateOfFiveHundredTwelveCharactersIsAcceptedAndOneMoreIsNot() {
        String url = "https://twitter.com/i/oauth2/authorize?client_id=AIsa";
        String longest = "s".repeat(512);

        assertThat(
                        interpreter
                                .grant(
                                        jsonReply(
                                                200,
                                                "{'auth_url':'"
                                                        + url
                                                        + "','state':'"
                                                        + longest
                                                        + "'}"),
                                        KEY)
                                .state())
                .isEqualTo(longest);
        assertThat(refused(jsonReply(200, "{'auth_url':'" + url + "','state':'" + longest + "s'}")))
                .hasMessage("AISAX042: AIsa's state is blank or longer than 512 characters.");
    }

    @Test
    void nonJsonBodyIsRefusedWithItsSizeAndType() {
        RawReply reply =
                reply(
                        200,
                        headers("content-type", "text/html; charset=utf-8"),
                        "<html>" + URL + "</html>");

        assertThat(refused(reply))
                .hasMessage(
                        "AISAX028: AIsa's answer is not a JSON object ("
                                + reply.body().length
                                + " bytes of text/html; charset=utf-8).");
    }

    @Test
    void refusedSuccessCarriesNoErrorCodeFromItsEnvelope() {
        XLinkException e =
                refused(
                        jsonReply(
                                200,
                                "{'code':200,'msg':'ok','data':{'auth_url':'"
                                        + URL
                                        + "','expires_at':'soon'}}"));

        assertThat(e.errorCode()).isEmpty();
        assertThat(e.errorType()).isEmpty();
        assertThat(e.httpStatus()).hasValue(200);
    }

    @Test
    void emptyBodyIsRefused() {
        assertThat(refused(reply(200, Map.of(), "")))
                .hasMessage("AISAX028: AIsa's answer is not a JSON object (the body is empty).");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "['" + URL + "']",
                "'" + URL + "'",
                "42",
                "null",
                "{'auth_url':",
                "{'auth_url':'" + URL + "'} {}",
                "{'auth_url':'" + URL + "'}garbage"
            })
    void jsonThatIsNotOneObjectIsRefused(String body) {
        assertThat(refused(jsonReply(200, body)))
                .hasMessageStartingWith("AISAX028: AIsa's answer is not a JSON object (");
    }

    @Test
    void missingAuthUrlIsRefused() {
        assertThat(
                        refused(
                                jsonReply(
                                        200,
                                        "{'ok':true,'code':200,'data':{'state':'" + STATE + "'}}")))
                .hasMessage("AISAX029: AIsa's answer has no auth_url string.");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{'auth_url':42,'state':'s'}",
                "{'data':{'auth_url':42}}",
                "{'data':{'auth_url':true}}",
                "{'data':{'auth_url':['https://x.com/']}}",
                "{'data':{'auth_url':{'href':'https://x.com/'}}}"
            })
    void authUrlOfAnotherJsonTypeIsRefusedNamingTheType(String body) {
        assertThat(refused(jsonReply(200, body)))
                .message()
                .matches(
                        "AISAX045: AIsa's auth_url is a JSON (number|true|array|object), not a string\\.");
    }

    @Test
    void stateOfAnotherJsonTypeIsRefused() {
        assertThat(refused(jsonReply(200, "{'auth_url':'" + URL + "','state':123}")))
                .hasMessage("AISAX045: AIsa's state is a JSON number, not a string.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"'" + URL + "'", "42", "['x']", "true"})
    void dataThatIsNotAnObjectIsRefused(String data) {
        assertThat(refused(jsonReply(200, "{'ok':true,'code':200,'data':" + data + "}")))
                .hasMessage("AISAX044: AIsa's answer has a data member that is not an object.");
    }

    @Test
    void nullDataMeansAFlatAnswer() {
        LinkGrant grant =
                interpreter.grant(jsonReply(200, "{'data':null,'auth_url':'" + URL + "'}"), KEY);

        assertThat(grant.state()).isEqualTo(STATE);
    }

    @Test
    void envelopeReportingUnauthorizedInsideHttp200IsAnAuthFailure() {
        XLinkAuthException e =
                catchThrowableOfType(
                        XLinkAuthException.class,
                        () ->
                                interpreter.grant(
                                        jsonReply(
                                                200,
                                                "{'ok':false,'code':401,'message':'Invalid key "
                                                        + KEY
                                                        + "'}"),
                                        KEY));

        assertThat(e)
                .hasMessage(
                        "AISAX030: AIsa refused the API key: HTTP 401 [401] \"Invalid key"
                                + " <redacted>\". Check the account's aisa.api-key (or"
                                + " aisa.accounts.<name>.api-key).");
        assertThat(e.httpStatus()).hasValue(401);
        assertThat(e.errorCode()).contains("401");
        assertKeepsSecrets(e);
    }

    @Test
    void relayCodeReportingAServerErrorInsideHttp200IsUnavailability() {
        XLinkUnavailableException e =
                catchThrowableOfType(
                        XLinkUnavailableException.class,
                        () ->
                                interpreter.grant(
                                        jsonReply(
                                                200,
                                                "{'code':502,'msg':'upstream down','data':null}"),
                                        KEY));

        assertThat(e.httpStatus()).hasValue(502);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e).hasMessageContaining("\"upstream down\"");
    }

    @Test
    void envelopeReportingABadRequestInsideHttp200IsARequestFailure() {
        XLinkRequestException e =
                catchThrowableOfType(
                        XLinkRequestException.class,
                        () ->
                                interpreter.grant(
                                        jsonReply(
                                                200,
                                                "{'ok':false,'code':400,'message':'bad scope'}"),
                                        KEY));

        assertThat(e.httpStatus()).hasValue(400);
    }

    @Test
    void envelopeReportingFailureWithoutAnHttpCodeIsRefused() {
        XLinkResponseException e =
                refused(
                        jsonReply(
                                200,
                                "{'ok':false,'message':'no session for "
                                        + KEY
                                        + "','data':{'auth_url':'"
                                        + URL
                                        + "'}}"));

        assertThat(e)
                .hasMessage(
                        "AISAX043: AIsa's answer reports a failure: \"no session for"
                                + " <redacted>\".");
    }

    @Test
    void envelopeCodeOutsideTheErrorRangeIsRefusedWithTheCode() {
        assertThat(
                        refused(
                                jsonReply(
                                        200,
                                        "{'code':302,'msg':'moved','data':{'auth_url':'"
                                                + URL
                                                + "'}}")))
                .hasMessage("AISAX043: AIsa's answer reports a failure with code 302: \"moved\".");
    }

    @Test
    void truncatedAnswerIsRefusedUnread() {
        byte[] body =
                ("{'auth_url':'" + URL + "','state':'" + STATE + "'}")
                        .replace('\'', '"')
                        .getBytes(StandardCharsets.UTF_8);

        for (byte[] kept : new byte[][] {new byte[0], body}) {
            RawReply reply =
                    new RawReply(200, Map.of("content-type", "application/json"), kept, true);

            assertThat(refused(reply))
                    .hasMessage(
                            "AISAX021: AIsa's answer is larger than aisa.max-response-bytes, far"
                                    + " more than a link needs; it was not read.");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 199, 300, 301, 302, 304, 307, 399})
    void statusOutsideTwoHundredsBelowFourHundredIsRefused(int status) {
        RawReply reply =
                reply(
                        status,
                        headers("content-type", "application/json", "x-request-id", "req-3xx"),
                        json("{'auth_url':'" + URL + "','state':'" + STATE + "'}"));

        XLinkResponseException e = refused(reply);

        assertThat(e)
                .hasMessage(
                        "AISAX020: AIsa answered HTTP "
                                + status
                                + " instead of a link; check aisa.base-url.");
        assertThat(e.httpStatus()).hasValue(status);
        assertThat(e.requestId()).contains("req-3xx");
    }

    @Test
    void refusalsOfTwoHundredAnswersCarryTheRequestIdHeader() {
        RawReply reply =
                reply(200, headers("content-type", "text/plain", "x-request-id", "req_42"), "ok");

        XLinkResponseException e = refused(reply);

        assertThat(e.requestId()).contains("req_42");
        assertThat(e.httpStatus()).hasValue(200);
    }

    @Test
    void grantToStringLeavesOutTheSecrets() {
        LinkGrant grant =
                interpreter.grant(
                        jsonReply(200, "{'auth_url':'" + URL + "','state':'" + STATE + "'}"), KEY);

        assertThat(grant.toString())
                .isEqualTo("LinkGrant[host=twitter.com, expiresAt=Optional.empty]")
                .doesNotContain("SECRET");
    }

    @Test
    void rawReplyToStringLeavesOutTheBody() {
        RawReply reply = jsonReply(401, "{'message':'Invalid key " + KEY + "'}");

        assertThat(reply.toString())
                .isEqualTo(
                        "RawReply[status=401, bodyBytes="
                                + reply.body().length
                                + ", truncated=false]");
    }

    private static String json(String singleQuoted) {
        return Replies.json(singleQuoted);
    }
}
