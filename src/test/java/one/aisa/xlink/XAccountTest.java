package one.aisa.xlink;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class XAccountTest {

    @ParameterizedTest
    @ValueSource(strings = {"default", "marketing", "sales-eu", "a", "0", "team-2", "-"})
    void literalAcceptsAValidName(String name) {
        XAccount.Literal literal = XAccount.Literal.of(name);

        assertThat(literal.value()).isEqualTo(name);
        assertThat(XAccount.Literal.isValidName(name)).isTrue();
    }

    @Test
    void literalAcceptsSixtyFourCharacters() {
        assertThat(XAccount.Literal.of("a".repeat(64)).value()).hasSize(64);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Marketing", "sales_eu", "sales.eu", "sales eu", " sales", "ünï"})
    void literalRejectsAnInvalidNameAndQuotesIt(String name) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> XAccount.Literal.of(name))
                .withMessage(
                        "Invalid X account name \""
                                + name
                                + "\": expected [a-z0-9-]+, at most 64 characters");
        assertThat(XAccount.Literal.isValidName(name)).isFalse();
    }

    @Test
    void literalRejectsSixtyFiveCharacters() {
        String name = "a".repeat(65);

        assertThat(XAccount.Literal.isValidName(name)).isFalse();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> XAccount.Literal.of(name))
                .withMessage(
                        "Invalid X account name \""
                                + name
                                + "\": expected [a-z0-9-]+, at most 64 characters");
    }

    @Test
    void literalRejectsNull() {
        assertThatNullPointerException()
                .isThrownBy(() -> XAccount.Literal.of(null))
                .withMessage("account name must not be null");
        assertThat(XAccount.Literal.isValidName(null)).isFalse();
    }

    @Test
    void literalsOfTheSameNameAreEqualAnnotations() {
        assertThat(XAccount.Literal.of("sales"))
                .isEqualTo(XAccount.Literal.of("sales"))
                .hasSameHashCodeAs(XAccount.Literal.of("sales"))
                .isNotEqualTo(XAccount.Literal.of("marketing"));
        assertThat(XAccount.Literal.of("sales").annotationType()).isEqualTo(XAccount.class);
    }

    @Test
    void defaultAccountIsNamedDefault() {
        assertThat(XAccount.DEFAULT).isEqualTo("default");
    }
}
