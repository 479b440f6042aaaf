package one.aisa.xlink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class XLinkRequestTest {

    @Test
    void defaultsLeaveScopesToTheAccountAndCarryNothingElse() {
        XLinkRequest request = XLinkRequest.defaults();

        assertThat(request.scopes()).isEmpty();
        assertThat(request.subject()).isEmpty();
        assertThat(request.attributes()).isEmpty();
        assertThat(request).isEqualTo(XLinkRequest.builder().build());
        assertThat(request)
                .hasToString("XLinkRequest[scopes=<account default>, subject=null, attributes=[]]");
    }

    @Test
    void builderKeepsScopesInRequestOrderWithoutDuplicates() {
        XLinkRequest request =
                XLinkRequest.builder()
                        .scopes(
                                XScope.USERS_READ,
                                XScope.TWEET_WRITE,
                                XScope.USERS_READ,
                                XScope.TWEET_READ)
                        .build();

        assertThat(request.scopes())
                .hasValueSatisfying(
                        scopes ->
                                assertThat(scopes)
                                        .containsExactly(
                                                XScope.USERS_READ,
                                                XScope.TWEET_WRITE,
                                                XScope.TWEET_READ));
    }

    @Test
    void laterScopesReplaceEarlierOnesAndDefaultScopesForgetsThem() {
        XLinkRequest.Builder builder =
                XLinkRequest.builder().scopes(XScope.TWEET_READ).scopes(XScope.DM_READ);

        assertThat(builder.build().scopes()).contains(Set.of(XScope.DM_READ));
        assertThat(builder.defaultScopes().build().scopes()).isEmpty();
    }

    @Test
    void ofScopesRequestsExactlyThoseScopes() {
        XLinkRequest request = XLinkRequest.ofScopes(Set.of(XScope.LIKE_WRITE));

        assertThat(request.scopes()).contains(Set.of(XScope.LIKE_WRITE));
        assertThat(request.subject()).isEmpty();
    }

    @Test
    void emptyScopesAreRefusedWithAHint() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> XLinkRequest.builder().scopes(List.of()))
                .withMessage(
                        "scopes must not be empty: leave them unset to request the account's"
                                + " default scopes");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> XLinkRequest.builder().scopes())
                .withMessageStartingWith("scopes must not be empty");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> XLinkRequest.ofScopes(Set.of()))
                .withMessageStartingWith("scopes must not be empty");
    }

    @Test
    void nullScopesAreRefused() {
        assertThatNullPointerException()
                .isThrownBy(() -> XLinkRequest.builder().scopes((List<XScope>) null))
                .withMessage("scopes must not be null");
        assertThatNullPointerException()
                .isThrownBy(() -> XLinkRequest.builder().scopes((XScope[]) null))
                .withMessage("scopes must not be null");
        assertThatNullPointerException()
                .isThrownBy(() -> XLinkRequest.builder().scopes(XScope.TWEET_READ, null))
                .withMessage("scopes must not contain null");
    }

    @Test
    void aFailedScopesCallLeavesEarlierScopesInPlace() {
        XLinkRequest.Builder builder = XLinkRequest.builder().scopes(XScope.TWEET_READ);

        assertThatThrownBy(() -> builder.scopes(XScope.DM_READ, null))
                .isInstanceOf(NullPointerException.class);

        assertThat(builder.build().scopes()).contains(Set.of(XScope.TWEET_READ));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t", "\n  "})
    void blankSubjectIsRefused(String subject) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> XLinkRequest.builder().subject(subject))
                .withMessage("subject must not be blank");
    }

    @Test
    void nullSubjectIsRefused() {
        assertThatNullPointerException()
                .isThrownBy(() -> XLinkRequest.builder().subject(null))
                .withMessage("subject must not be null");
    }

    @Test
    void subjectUpToTheLimitIsKept() {
        String subject = "u".repeat(XLinkRequest.MAX_SUBJECT_LENGTH);

        assertThat(XLinkRequest.builder().subject(subject).build().subject()).contains(subject);
    }

    @Test
    void subjectOverTheLimitIsRefusedWithItsLength() {
        String subject = "u".repeat(XLinkRequest.MAX_SUBJECT_LENGTH + 1);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> XLinkRequest.builder().subject(subject))
                .withMessage("subject is 257 characters long; the limit is 256");
    }

    @Test
    void attributesKeepInsertionOrderAndLaterValuesWin() {
        XLinkRequest request =
                XLinkRequest.builder()
                        .attribute("tenant", "acme")
                        .attribute("plan", "pro")
                        .attribute("tenant", "globex")
                        .build();

        assertThat(request.attributes())
                .containsExactly(Map.entry("tenant", "globex"), Map.entry("plan", "pro"));
    }

    @Test
    void attributesFromAMapAreAddedOneByOne() {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("a", "1");
        extra.put("b", "2");

        XLinkRequest request = XLinkRequest.builder().attribute("z", "0").attributes(extra).build();

        assertThat(request.attributes())
                .containsExactly(Map.entry("z", "0"), Map.entry("a", "1"), Map.entry("b", "2"));
    }

    @Test
    void attributeKeyMustNotBeNullOrBlank() {
        assertThatNullPointerException()
                .isThrownBy(() -> XLinkRequest.builder().attribute(null, "v"))
                .withMessage("attribute key must not be null");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> XLinkRequest.builder().attribute(" ", "v"))
                .withMessage("attribute key must not be blank");
    }

    @Test
    void attributeValueMustNotBeNullAndTheMessageNamesTheKey() {
        assertThatNullPointerException()
                .isThrownBy(() -> XLinkRequest.builder().attribute("tenant", null))
                .withMessage("value of attribute \"tenant\" must not be null");
    }

    @Test
    void attributesMapWithANullValueIsRefused() {
        Map<String, String> extra = new HashMap<>();
        extra.put("tenant", null);

        assertThatNullPointerException()
                .isThrownBy(() -> XLinkRequest.builder().attributes(extra))
                .withMessage("value of attribute \"tenant\" must not be null");
        assertThatNullPointerException()
                .isThrownBy(() -> XLinkRequest.builder().attributes(null))
                .withMessage("attributes must not be null");
    }

    @Test
    void emptyAttributeValueIsAccepted() {
        assertThat(XLinkRequest.builder().attribute("flag", "").build().attributes())
                .containsExactly(Map.entry("flag", ""));
    }

    @Test
    void attributeKeyOrValueAtTheLimitIsAccepted() {
        String max = "k".repeat(XLinkRequest.MAX_ATTRIBUTE_LENGTH);

        XLinkRequest request = XLinkRequest.builder().attribute(max, max).build();

        assertThat(request.attributes()).containsEntry(max, max);
    }

    @Test
    void tooLongAttributeKeyIsRefusedNamingItsFirstSixtyFourCharacters() {
        String key = "k".repeat(XLinkRequest.MAX_ATTRIBUTE_LENGTH + 1);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> XLinkRequest.builder().attribute(key, "v"))
                .withMessage(
                        "attribute \""
                                + "k".repeat(64)
                                + "\" is too long: keys and values are limited to 1024"
                                + " characters");
    }

    @Test
    void tooLongAttributeValueIsRefusedNamingTheKey() {
        String value = "v".repeat(XLinkRequest.MAX_ATTRIBUTE_LENGTH + 1);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> XLinkRequest.builder().attribute("tenant", value))
                .withMessage(
                        "attribute \"tenant\" is too long: keys and values are limited to 1024"
                                + " characters");
    }

    @Test
    void thirtyThreeAttributesAreRefusedButReplacingTheThirtySecondIsNot() {
        XLinkRequest.Builder builder = XLinkRequest.builder();
        for (int i = 0; i < XLinkRequest.MAX_ATTRIBUTES; i++) {
            builder.attribute("k" + i, "v");
        }

        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.attribute("one-more", "v"))
                .withMessage("too many attributes: the limit is 32");

        builder.attribute("k0", "replaced");
        assertThat(builder.build().attributes()).hasSize(32).containsEntry("k0", "replaced");
    }

    @Test
    void builtRequestIsUnaffectedByLaterBuilderCallsAndSourceCollections() {
        List<XScope> scopes = new ArrayList<>(List.of(XScope.TWEET_READ));
        XLinkRequest.Builder builder =
                XLinkRequest.builder().scopes(scopes).subject("user-1").attribute("a", "1");
        XLinkRequest request = builder.build();

        scopes.add(XScope.DM_WRITE);
        builder.scopes(XScope.LIKE_WRITE).subject("user-2").attribute("b", "2");

        assertThat(request.scopes()).contains(Set.of(XScope.TWEET_READ));
        assertThat(request.subject()).contains("user-1");
        assertThat(request.attributes()).containsExactly(Map.entry("a", "1"));
    }

    @Test
    void accessorsReturnUnmodifiableCollections() {
        XLinkRequest request =
                XLinkRequest.builder().scopes(XScope.TWEET_READ).attribute("a", "1").build();

        assertThatThrownBy(() -> request.scopes().orElseThrow().add(XScope.DM_READ))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> request.attributes().put("b", "2"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void requestsWithTheSameContentAreEqual() {
        XLinkRequest one =
                XLinkRequest.builder()
                        .scopes(XScope.TWEET_READ)
                        .subject("u")
                        .attribute("a", "1")
                        .build();
        XLinkRequest two =
                XLinkRequest.builder()
                        .scopes(XScope.TWEET_READ)
                        .subject("u")
                        .attribute("a", "1")
                        .build();

        assertThat(one).isEqualTo(two).hasSameHashCodeAs(two);
        assertThat(one).isNotEqualTo(XLinkRequest.builder().scopes(XScope.TWEET_READ).build());
    }

    @Test
    void toStringShowsAttributeKeysButNotTheirValues() {
        XLinkRequest request =
                XLinkRequest.builder()
                        .scopes(XScope.TWEET_READ)
                        .subject("user-1")
                        .attribute("token", "VALUE-NOT-SHOWN")
                        .build();

        assertThat(request)
                .hasToString(
                        "XLinkRequest[scopes=[tweet.read], subject=user-1, attributes=[token]]");
    }

    @Test
    void moreScopesThanTheLimitAreRefused() {
        java.util.List<XScope> many = new java.util.ArrayList<>();
        for (int i = 0; i <= XLinkRequest.MAX_SCOPES; i++) {
            many.add(XScope.of("custom.scope" + (char) ('a' + i % 26) + "x" + i));
        }

        assertThatThrownBy(() -> XLinkRequest.builder().scopes(many))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("65 scopes requested; the limit is 64");
    }

    @Test
    void subjectWithControlOrFormattingCharactersIsRefused() {
        for (String subject : new String[] {"user\u0000", "user\n2", "user\u202Eevil"}) {
            assertThatThrownBy(() -> XLinkRequest.builder().subject(subject))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("subject must not contain control or formatting characters");
        }
    }
}
