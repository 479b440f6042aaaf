package one.aisa.xlink.internal.response;

import java.time.Instant;
import java.util.Optional;

import one.aisa.xlink.XLinkResponseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static one.aisa.xlink.internal.response.Replies.KEY;
import static one.aisa.xlink.internal.response.Replies.STATE;
import static one.aisa.xlink.internal.response.Replies.URL;
import static one.aisa.xlink.internal.response.Replies.assertKeepsSecrets;
import static one.aisa.xlink.internal.response.Replies.jsonReply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The forms of {@code expires_at} that are understood, and those that are refused. */
class ReplyInterpreterExpiryTest {

    private final ReplyInterpreter interpreter = Replies.interpreter();

    /** Grants a flat answer whose expires_at is the given JSON value (single-quoted strings). */
    private Optional<Instant> expiresAt(String jsonValue) {
        return interpreter
                .grant(
                        jsonReply(
                                200,
                                "{'auth_url':'"
                                        + URL
                                        + "','state':'"
                                        + STATE
                                        + "','expires_at':"
                                        + jsonValue
                                        + "}"),
                        KEY)
                .expiresAt();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "'2026-04-18T07:00:00Z'                   | 2026-04-18T07:00:00Z",
                "'2026-04-18T12:30:00+05:30'              | 2026-04-18T07:00:00Z",
                "'2026-04-17T23:00:00-08:00'              | 2026-04-18T07:00:00Z",
                "'2026-04-18T07:00:00+00:00'              | 2026-04-18T07:00:00Z",
                "'2026-04-18T07:00:00.1Z'                 | 2026-04-18T07:00:00.100Z",
                "'2026-04-18T07:00:00.12Z'                | 2026-04-18T07:00:00.120Z",
                "'2026-04-18T07:00:00.123Z'               | 2026-04-18T07:00:00.123Z",
                "'2026-04-18T07:00:00.1234Z'              | 2026-04-18T07:00:00.123400Z",
                "'2026-04-18T07:00:00.12345Z'             | 2026-04-18T07:00:00.123450Z",
                "'2026-04-18T07:00:00.123456Z'            | 2026-04-18T07:00:00.123456Z",
                "'2026-04-18T07:00:00.1234567Z'           | 2026-04-18T07:00:00.123456700Z",
                "'2026-04-18T07:00:00.12345678Z'          | 2026-04-18T07:00:00.123456780Z",
                "'2026-04-18T07:00:00.123456789Z'         | 2026-04-18T07:00:00.123456789Z",
                "'2026-04-18T12:30:00.123456789+05:30'    | 2026-04-18T07:00:00.123456789Z",
                "1776495600                               | 2026-04-18T07:00:00Z",
                "1776495600.25                            | 2026-04-18T07:00:00.250Z",
                "1.7764956E9                              | 2026-04-18T07:00:00Z",
                "'1776495600'                             | 2026-04-18T07:00:00Z",
                "'1776495600.5'                           | 2026-04-18T07:00:00.500Z",
                "0                                        | 1970-01-01T00:00:00Z",
                "253402300799                             | 9999-12-31T23:59:59Z"
            })
    void expiresAtAcceptsOffsetsFractionDigitsAndEpochSeconds(String value, String expected) {
        assertThat(expiresAt(Replies.json(value))).contains(Instant.parse(expected));
    }

    @Test
    void nullOrAbsentExpiresAtGivesNoExpiry() {
        assertThat(expiresAt("null")).isEmpty();
        assertThat(
                        interpreter
                                .grant(
                                        jsonReply(
                                                200,
                                                "{'auth_url':'"
                                                        + URL
                                                        + "','state':'"
                                                        + STATE
                                                        + "'}"),
                                        KEY)
                                .expiresAt())
                .isEmpty();
    }

    @Test
    void expiresAtInTheEnvelopeDataWinsOverTheTopLevel() {
        LinkGrant grant =
                interpreter.grant(
                        jsonReply(
                                200,
                                "{'expires_at':'2030-01-01T00:00:00Z','data':{'auth_url':'"
                                        + URL
                                        + "','expires_at':'2026-04-18T07:00:00Z'}}"),
                        KEY);

        assertThat(grant.expiresAt()).contains(Instant.parse("2026-04-18T07:00:00Z"));
    }

    @Test
    void expiresAtBesideTheEnvelopeDataIsRead() {
        LinkGrant grant =
                interpreter.grant(
                        jsonReply(
                                200,
                                "{'expires_at':'2026-04-18T07:00:00Z','data':{'auth_url':'"
                                        + URL
                                        + "'}}"),
                        KEY);

        assertThat(grant.expiresAt()).contains(Instant.parse("2026-04-18T07:00:00Z"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "'2026-04-18 07:00:00'                | 2026-04-18 07:00:00",
                "'2026-04-18T07:00:00'                | 2026-04-18T07:00:00",
                "'2026-04-18T07:00:00.1234567890Z'    | 2026-04-18T07:00:00.1234567890Z",
                "'2026-04-18T07:00Z'                  | 2026-04-18T07:00Z",
                "'2026-04-18T07:00:00+0530'           | 2026-04-18T07:00:00+0530",
                "'2026-04-18T07:00:00+05'             | 2026-04-18T07:00:00+05",
                "'2026-04-18T07:00:00 Z'              | 2026-04-18T07:00:00 Z",
                "'2026-13-18T07:00:00Z'               | 2026-13-18T07:00:00Z",
                "'2026-02-30T07:00:00Z'               | 2026-02-30T07:00:00Z",
                "'2026-04-18T25:00:00Z'               | 2026-04-18T25:00:00Z",
                "'2026-04-18T24:00:00Z'               | 2026-04-18T24:00:00Z",
                "'2026-04-18T07:60:00Z'               | 2026-04-18T07:60:00Z",
                "'2026-04-18T07:00:60Z'               | 2026-04-18T07:00:60Z",
                "'2026-04-18T07:00:00+18:01'          | 2026-04-18T07:00:00+18:01",
                "'2026-04-18T07:00:00-19:00'          | 2026-04-18T07:00:00-19:00",
                "'2026-00-18T07:00:00Z'               | 2026-00-18T07:00:00Z",
                "'2026-04-18'                         | 2026-04-18",
                "'tomorrow'                           | tomorrow",
                "''                                   | \"\"",
                "'-1776495600'                        | -1776495600",
                "' 1776495600'                        | \" 1776495600\"",
                "-1                                   | -1",
                "-1776495600                          | -1776495600",
                "1776495600000                        | 1776495600000",
                "253402300800                         | 253402300800",
                "true                                 | true",
                "false                                | false",
                "{'at':1776495600}                    | {'at':1776495600}",
                "[1776495600]                         | [1776495600]"
            })
    void expiresAtInAnotherFormIsRefusedNamingTheFieldAndTheValue(String value, String shown) {
        XLinkResponseException e =
                catchThrowableOfType(
                        XLinkResponseException.class, () -> expiresAt(Replies.json(value)));

        assertThat(e)
                .hasMessage(
                        "AISAX022: AIsa's expires_at is \""
                                + Replies.json(shown)
                                + "\", which is neither an ISO-8601 instant (such as"
                                + " \"2026-04-18T07:00:00Z\") nor epoch seconds.");
        assertThat(e.httpStatus()).hasValue(200);
        assertKeepsSecrets(e);
    }

    @Test
    void overlongExpiresAtIsShownAbbreviated() {
        String value = "9".repeat(100);

        XLinkResponseException e =
                catchThrowableOfType(
                        XLinkResponseException.class, () -> expiresAt("'" + value + "'"));

        assertThat(e)
                .hasMessageStartingWith(
                        "AISAX022: AIsa's expires_at is \"" + "9".repeat(64) + "...\", which");
    }

    @Test
    void expiresAtQuotedInTheMessageCanNeitherForgeALogLineNorLeakAKey() {
        XLinkResponseException e =
                catchThrowableOfType(
                        XLinkResponseException.class,
                        () -> expiresAt("\"soon\\n[12/4/26] FAKE line sk-aisa-QSSECRETKEY123\""));

        assertThat(e.getMessage())
                .startsWith("AISAX022")
                .doesNotContain("\n")
                .doesNotContain("QSSECRETKEY123")
                .contains("soon?[12/4/26] FAKE line <redacted>");
    }
}
