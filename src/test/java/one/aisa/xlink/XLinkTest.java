package one.aisa.xlink;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class XLinkTest {

    private static final String STATE = "st-SECRET-123";
    private static final URI AUTH_URL =
            URI.create(
                    "https://twitter.com/i/oauth2/authorize?state=st-SECRET-123&code_challenge=abc");
    private static final Instant REQUESTED = Instant.parse("2026-04-18T06:50:00Z");
    private static final Instant EXPIRES = Instant.parse("2026-04-18T07:00:00Z");

    private static XLink link(String state, URI url) {
        return new XLink(
                "marketing",
                state,
                url,
                EXPIRES,
                Set.of(XScope.TWEET_READ),
                REQUESTED,
                "user-1",
                Map.of("tenant", "acme"));
    }

    @Test
    void toStringLeavesOutTheStateAndTheUrlQuery() {
        String text = link(STATE, AUTH_URL).toString();

        assertThat(text)
                .isEqualTo(
                        "XLink[account=marketing, authUrl=https://twitter.com/i/oauth2/authorize,"
                                + " expiresAt=2026-04-18T07:00:00Z, scopes=[tweet.read],"
                                + " requestedAt=2026-04-18T06:50:00Z, subject=user-1,"
                                + " attributes=[tenant]]")
                .doesNotContain(STATE)
                .doesNotContain("SECRET")
                .doesNotContain("code_challenge")
                .doesNotContain("?")
                .doesNotContain("acme");
    }

    @Test
    void toStringLeavesOutAFragment() {
        URI url = URI.create("https://x.com/i/oauth2/authorize#state=st-SECRET-123");

        assertThat(link(STATE, url).toString())
                .contains("authUrl=https://x.com/i/oauth2/authorize,")
                .doesNotContain("SECRET")
                .doesNotContain("#");
    }

    @Test
    void accessorsReturnWhatWasGiven() {
        XLink link = link(STATE, AUTH_URL);

        assertThat(link.account()).isEqualTo("marketing");
        assertThat(link.state()).isEqualTo(STATE);
        assertThat(link.authUrl()).isEqualTo(AUTH_URL);
        assertThat(link.authUrl().toString()).isEqualTo(AUTH_URL.toString());
        assertThat(link.expiresAt()).isEqualTo(EXPIRES);
        assertThat(link.requestedAt()).isEqualTo(REQUESTED);
        assertThat(link.scopes()).containsExactly(XScope.TWEET_READ);
        assertThat(link.subject()).contains("user-1");
        assertThat(link.attributes()).containsExactly(Map.entry("tenant", "acme"));
    }

    @Test
    void isExpiredAtTheExpiryInstantAndAfterButNotBefore() {
        XLink link = link(STATE, AUTH_URL);

        assertThat(link.isExpiredAt(EXPIRES.minusNanos(1))).isFalse();
        assertThat(link.isExpiredAt(EXPIRES)).isTrue();
        assertThat(link.isExpiredAt(EXPIRES.plusSeconds(1))).isTrue();
    }

    @Test
    void linksWithEqualFieldsAreEqual() {
        assertThat(link(STATE, AUTH_URL))
                .isEqualTo(link(STATE, URI.create(AUTH_URL.toString())))
                .hasSameHashCodeAs(link(STATE, AUTH_URL));
    }

    @Test
    void linksDifferingInStateOrUrlAreNotEqual() {
        assertThat(link(STATE, AUTH_URL)).isNotEqualTo(link("st-OTHER", AUTH_URL));
        assertThat(link(STATE, AUTH_URL))
                .isNotEqualTo(link(STATE, URI.create("https://twitter.com/i/oauth2/authorize")));
    }

    @Test
    void linksDifferingInSubjectOrAttributesAreNotEqual() {
        XLink base = link(STATE, AUTH_URL);
        XLink noSubject =
                new XLink(
                        "marketing",
                        STATE,
                        AUTH_URL,
                        EXPIRES,
                        Set.of(XScope.TWEET_READ),
                        REQUESTED,
                        null,
                        Map.of("tenant", "acme"));
        XLink otherAttributes =
                new XLink(
                        "marketing",
                        STATE,
                        AUTH_URL,
                        EXPIRES,
                        Set.of(XScope.TWEET_READ),
                        REQUESTED,
                        "user-1",
                        Map.of("tenant", "globex"));

        assertThat(base).isNotEqualTo(noSubject).isNotEqualTo(otherAttributes);
        assertThat(noSubject.subject()).isEmpty();
    }

    @Test
    void scopesAndAttributesAreCopiedAndUnmodifiable() {
        Set<XScope> scopes = new LinkedHashSet<>(List.of(XScope.TWEET_READ, XScope.USERS_READ));
        Map<String, String> attributes = new java.util.HashMap<>(Map.of("a", "1"));
        XLink link =
                new XLink("default", STATE, AUTH_URL, EXPIRES, scopes, REQUESTED, null, attributes);

        scopes.clear();
        attributes.clear();

        assertThat(link.scopes()).containsExactly(XScope.TWEET_READ, XScope.USERS_READ);
        assertThat(link.attributes()).containsExactly(Map.entry("a", "1"));
        assertThatThrownBy(() -> link.scopes().add(XScope.DM_READ))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> link.attributes().put("b", "2"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void defaultScopesInTheirOrderAreSharedOtherScopesAreCopied() {
        Set<XScope> defaults = new LinkedHashSet<>(XScope.defaults());
        List<XScope> reversed = new java.util.ArrayList<>(XScope.defaults());
        java.util.Collections.reverse(reversed);

        XLink shared =
                new XLink("default", STATE, AUTH_URL, EXPIRES, defaults, REQUESTED, null, Map.of());
        XLink reordered =
                new XLink(
                        "default",
                        STATE,
                        AUTH_URL,
                        EXPIRES,
                        new LinkedHashSet<>(reversed),
                        REQUESTED,
                        null,
                        Map.of());

        assertThat(shared.scopes()).isSameAs(XScope.defaults());
        assertThat(reordered.scopes())
                .isNotSameAs(XScope.defaults())
                .containsExactlyElementsOf(reversed);
        assertThat(shared.attributes()).isEmpty();
        assertThat(shared.attributes().get(null)).isNull();
        assertThatThrownBy(() -> shared.attributes().put("b", "2"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void constructorRefusesBlankStateAndEmptyScopes() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                new XLink(
                                        "default",
                                        " ",
                                        AUTH_URL,
                                        EXPIRES,
                                        Set.of(XScope.TWEET_READ),
                                        REQUESTED,
                                        null,
                                        Map.of()))
                .withMessage("state must not be blank");
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                new XLink(
                                        "default", STATE, AUTH_URL, EXPIRES, Set.of(), REQUESTED,
                                        null, Map.of()))
                .withMessage("scopes must not be empty");
    }

    @Test
    void constructorRefusesNullsOtherThanSubject() {
        assertThatNullPointerException()
                .isThrownBy(
                        () ->
                                new XLink(
                                        null,
                                        STATE,
                                        AUTH_URL,
                                        EXPIRES,
                                        Set.of(XScope.TWEET_READ),
                                        REQUESTED,
                                        null,
                                        Map.of()))
                .withMessage("account must not be null");
        assertThatNullPointerException()
                .isThrownBy(
                        () ->
                                new XLink(
                                        "default",
                                        null,
                                        AUTH_URL,
                                        EXPIRES,
                                        Set.of(XScope.TWEET_READ),
                                        REQUESTED,
                                        null,
                                        Map.of()))
                .withMessage("state must not be null");
        assertThatNullPointerException()
                .isThrownBy(
                        () ->
                                new XLink(
                                        "default",
                                        STATE,
                                        null,
                                        EXPIRES,
                                        Set.of(XScope.TWEET_READ),
                                        REQUESTED,
                                        null,
                                        Map.of()))
                .withMessage("authUrl must not be null");
        assertThatNullPointerException()
                .isThrownBy(
                        () ->
                                new XLink(
                                        "default",
                                        STATE,
                                        AUTH_URL,
                                        EXPIRES,
                                        Set.of(XScope.TWEET_READ),
                                        REQUESTED,
                                        null,
                                        null))
                .withMessage("attributes must not be null");
    }
}
