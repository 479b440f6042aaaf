package one.aisa.xlink;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class XScopeTest {

    @Test
    void constantsCarryXsSpelling() {
        assertThat(XScope.FOLLOWS_WRITE.name()).isEqualTo("follows.write");
        assertThat(XScope.TWEET_READ.name()).isEqualTo("tweet.read");
        assertThat(XScope.USERS_READ.name()).isEqualTo("users.read");
        assertThat(XScope.TWEET_WRITE.name()).isEqualTo("tweet.write");
        assertThat(XScope.LIKE_WRITE.name()).isEqualTo("like.write");
        assertThat(XScope.DM_READ.name()).isEqualTo("dm.read");
        assertThat(XScope.DM_WRITE.name()).isEqualTo("dm.write");
        assertThat(XScope.OFFLINE_ACCESS.name()).isEqualTo("offline.access");
        assertThat(XScope.MEDIA_WRITE.name()).isEqualTo("media.write");
        assertThat(XScope.TWEET_MODERATE_WRITE.name()).isEqualTo("tweet.moderate.write");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "follows.write",
                "tweet.read",
                "users.read",
                "tweet.write",
                "like.write",
                "dm.read",
                "dm.write",
                "offline.access",
                "media.write",
                "follows.read",
                "like.read",
                "list.read",
                "list.write",
                "block.read",
                "block.write",
                "mute.read",
                "mute.write",
                "bookmark.read",
                "bookmark.write",
                "space.read",
                "tweet.moderate.write"
            })
    void ofReturnsTheConstantForAKnownName(String name) {
        XScope scope = XScope.of(name);

        assertThat(scope.name()).isEqualTo(name);
        assertThat(scope).isSameAs(XScope.of(name));
    }

    @Test
    void ofReturnsTheVeryConstantObject() {
        assertThat(XScope.of("tweet.read")).isSameAs(XScope.TWEET_READ);
        assertThat(XScope.of("tweet.moderate.write")).isSameAs(XScope.TWEET_MODERATE_WRITE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"community.write", "a.b", "x2.y3.z4", "media.upload.v2"})
    void ofAcceptsANewWellFormedName(String name) {
        XScope scope = XScope.of(name);

        assertThat(scope.name()).isEqualTo(name);
        assertThat(scope).hasToString(name).isEqualTo(XScope.of(name));
        assertThat(scope.hashCode()).isEqualTo(XScope.of(name).hashCode());
    }

    @Test
    void ofAcceptsANameOfExactlySixtyFourCharacters() {
        String name = "a." + "b".repeat(62);

        assertThat(XScope.of(name).name()).hasSize(64);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Tweet.Read",
                "TWEET.READ",
                "tweet read",
                " tweet.read",
                "tweet.read ",
                "tweet",
                "",
                "tweet.read.",
                ".tweet.read",
                "tweet..read",
                "tweet.1read",
                "1tweet.read",
                "tweet-read",
                "tweet.read,users.read"
            })
    void ofRejectsAMalformedNameAndQuotesIt(String name) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> XScope.of(name))
                .withMessage(
                        "Malformed X scope name \""
                                + name
                                + "\": expected lower-case words separated by dots, such as"
                                + " \"tweet.read\"");
    }

    @Test
    void ofRejectsANameLongerThanSixtyFourCharactersAndAbbreviatesIt() {
        String name = "a." + "b".repeat(63);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> XScope.of(name))
                .withMessageStartingWith(
                        "Malformed X scope name \"" + name.substring(0, 64) + "...\"")
                .withMessageNotContaining(name);
    }

    @Test
    void ofRejectsNull() {
        assertThatNullPointerException()
                .isThrownBy(() -> XScope.of(null))
                .withMessage("scope name must not be null");
    }

    @Test
    void defaultsAreAIsasSevenInAIsasOrder() {
        assertThat(XScope.defaults())
                .containsExactly(
                        XScope.FOLLOWS_WRITE,
                        XScope.TWEET_READ,
                        XScope.USERS_READ,
                        XScope.TWEET_WRITE,
                        XScope.LIKE_WRITE,
                        XScope.DM_READ,
                        XScope.DM_WRITE);
    }

    @Test
    void defaultsAreUnmodifiable() {
        Set<XScope> defaults = XScope.defaults();

        assertThatThrownBy(() -> defaults.add(XScope.MEDIA_WRITE))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> defaults.remove(XScope.TWEET_READ))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(defaults::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThat(XScope.defaults()).hasSize(7);
    }

    @Test
    void equalityIsByName() {
        assertThat(XScope.of("community.write"))
                .isEqualTo(XScope.of("community.write"))
                .isNotEqualTo(XScope.of("community.read"))
                .isNotEqualTo("community.write");
    }
}
