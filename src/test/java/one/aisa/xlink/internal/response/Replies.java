package one.aisa.xlink.internal.response;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import one.aisa.xlink.XLinkException;
import one.aisa.xlink.internal.client.RawReply;

import static org.assertj.core.api.Assertions.assertThat;

/** Builds AIsa answers for the interpreter's tests, and checks that failures keep secrets. */
final class Replies {

    static final String KEY = "sk-aisa-TESTKEY-123";
    static final String STATE = "st-SECRET-123";
    static final String URL =
            "https://twitter.com/i/oauth2/authorize?response_type=code&client_id=AIsa"
                    + "&state=st-SECRET-123&code_challenge=abc&code_challenge_method=S256";
    static final Instant NOW = Instant.parse("2026-04-18T06:50:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final List<String> HOSTS = List.of("twitter.com", "x.com");

    private Replies() {}

    static ReplyInterpreter interpreter() {
        return new ReplyInterpreter(HOSTS, CLOCK);
    }

    /** JSON written with single quotes for readability; none of the values holds one. */
    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    static RawReply jsonReply(int status, String singleQuoted) {
        return reply(status, Map.of("content-type", "application/json"), json(singleQuoted));
    }

    static RawReply reply(int status, Map<String, String> headers, String body) {
        return new RawReply(status, headers, body.getBytes(StandardCharsets.UTF_8), false);
    }

    static Map<String, String> headers(String... namesAndValues) {
        Map<String, String> headers = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    /** Asserts that neither the exception nor any cause mentions the key, state or URL. */
    static void assertKeepsSecrets(XLinkException e, String... more) {
        Throwable current = e;
        while (current != null) {
            for (String text : new String[] {current.getMessage(), current.toString()}) {
                assertThat(text)
                        .as("text of %s", current.getClass().getName())
                        .doesNotContain(KEY)
                        .doesNotContain("TESTKEY")
                        .doesNotContain(STATE)
                        .doesNotContain("SECRET")
                        .doesNotContain("code_challenge")
                        .doesNotContain("oauth2/authorize");
                for (String secret : more) {
                    assertThat(text).doesNotContain(secret);
                }
            }
            current = current.getCause();
        }
        assertThat(e.errorType().orElse("")).doesNotContain("TESTKEY");
        assertThat(e.errorCode().orElse("")).doesNotContain("TESTKEY");
        assertThat(e.requestId().orElse("")).doesNotContain("TESTKEY");
    }
}
