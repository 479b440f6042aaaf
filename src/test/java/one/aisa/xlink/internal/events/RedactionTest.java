package one.aisa.xlink.internal.events;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import one.aisa.xlink.XLink;
import one.aisa.xlink.XScope;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTest {

    private static final String STATE = "st-SECRET-123";
    private static final String URL =
            "https://twitter.com/i/oauth2/authorize?state=st-SECRET-123&code_challenge=abc";
    private static final XLink LINK =
            new XLink(
                    "default",
                    STATE,
                    URI.create(URL),
                    Instant.parse("2026-04-18T07:00:00Z"),
                    Set.of(XScope.TWEET_READ),
                    Instant.parse("2026-04-18T06:50:00Z"),
                    null,
                    Map.of());

    private static List<Throwable> chain(Throwable top) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = top; t != null; t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    @Test
    void messageHasTheUrlAndTheStateReplaced() {
        Throwable failure =
                new IllegalStateException("could not store " + URL + " for state " + STATE);

        Throwable redacted = Redaction.redacted(failure, LINK);

        assertThat(redacted)
                .hasMessage(
                        "java.lang.IllegalStateException: could not store <auth_url> for state"
                                + " <state>")
                .hasNoCause();
        assertThat(redacted.toString()).doesNotContain("SECRET").doesNotContain("code_challenge");
    }

    @Test
    void stateAloneOrTheUrlAloneIsReplaced() {
        assertThat(Redaction.clean("state=" + STATE + "; again " + STATE, LINK))
                .isEqualTo("state=<state>; again <state>");
        assertThat(Redaction.clean("open " + URL + " now", LINK)).isEqualTo("open <auth_url> now");
    }

    @Test
    void messageWithoutSecretsIsKept() {
        assertThat(Redaction.clean("database is down", LINK)).isEqualTo("database is down");
    }

    @Test
    void nullMessageOrMissingLinkIsHandled() {
        assertThat(Redaction.clean(null, LINK)).isEqualTo("null");
        assertThat(Redaction.clean("kept " + STATE, null)).isEqualTo("kept " + STATE);
        assertThat(Redaction.redacted(new IllegalArgumentException(), LINK))
                .hasMessage("java.lang.IllegalArgumentException: null");
    }

    @Test
    void causesAreChainedAndEachIsRedacted() {
        Throwable root = new java.io.IOException("disk full while writing " + STATE);
        Throwable middle =
                new java.io.UncheckedIOException("saving " + URL, (java.io.IOException) root);
        Throwable top = new IllegalStateException("observer failed for " + STATE, middle);

        Throwable redacted = Redaction.redacted(top, LINK);

        List<Throwable> copies = chain(redacted);
        assertThat(copies)
                .extracting(Throwable::getMessage)
                .containsExactly(
                        "java.lang.IllegalStateException: observer failed for <state>",
                        "java.io.UncheckedIOException: saving <auth_url>",
                        "java.io.IOException: disk full while writing <state>");
        assertThat(copies).allSatisfy(t -> assertThat(t.toString()).doesNotContain("SECRET"));
    }

    @Test
    void stackTracesAreKeptForEveryLevel() {
        Throwable root = new IllegalArgumentException("root " + STATE);
        Throwable top = new IllegalStateException("top " + STATE, root);

        Throwable redacted = Redaction.redacted(top, LINK);

        assertThat(redacted.getStackTrace()).isNotEmpty().containsExactly(top.getStackTrace());
        assertThat(redacted.getCause().getStackTrace()).containsExactly(root.getStackTrace());
    }

    @Test
    void cyclicCausesEndAfterABoundedDepth() {
        IllegalStateException a = new IllegalStateException("a " + STATE);
        IllegalStateException b = new IllegalStateException("b " + STATE);
        a.initCause(b);
        b.initCause(a);

        Throwable redacted = Redaction.redacted(a, LINK);

        assertThat(chain(redacted))
                .hasSize(9)
                .allSatisfy(t -> assertThat(t.getMessage()).doesNotContain(STATE));
    }

    @Test
    void originalFailureIsLeftUntouched() {
        Throwable failure = new IllegalStateException("for " + STATE);

        Redaction.redacted(failure, LINK);

        assertThat(failure).hasMessage("for " + STATE);
    }
}
