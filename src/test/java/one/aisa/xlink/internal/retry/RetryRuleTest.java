package one.aisa.xlink.internal.retry;

import java.time.Duration;

import one.aisa.xlink.XLinkAuthException;
import one.aisa.xlink.XLinkException;
import one.aisa.xlink.XLinkRateLimitException;
import one.aisa.xlink.XLinkRequestException;
import one.aisa.xlink.XLinkResponseException;
import one.aisa.xlink.XLinkUnavailableException;
import one.aisa.xlink.internal.config.CallPolicy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryRuleTest {

    static final CallPolicy POLICY =
            new CallPolicy(
                    Duration.ofSeconds(30),
                    3,
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(10),
                    1 << 20,
                    CallPolicy.UNBOUNDED,
                    CallPolicy.UNBOUNDED,
                    false);
    static final Duration PLENTY = Duration.ofSeconds(30);

    final RetryRule middle = new RetryRule(POLICY, () -> 0.5);

    @Test
    void unavailabilityBacksOffExponentially() {
        assertThat(middle.waitBeforeNext(1, unavailable(), PLENTY)).contains(Duration.ofSeconds(1));
        assertThat(middle.waitBeforeNext(2, unavailable(), PLENTY)).contains(Duration.ofSeconds(2));
    }

    @Test
    void jitterSpreadsTheWaitByAQuarterEitherWay() {
        RetryRule low = new RetryRule(POLICY, () -> 0.0);
        RetryRule high = new RetryRule(POLICY, () -> 0.999_999);

        assertThat(low.waitBeforeNext(2, unavailable(), PLENTY)).contains(Duration.ofMillis(1500));
        assertThat(high.waitBeforeNext(2, unavailable(), PLENTY).orElseThrow())
                .isBetween(Duration.ofMillis(2499), Duration.ofMillis(2500));
    }

    @Test
    void backoffIsCappedAtThirtySeconds() {
        CallPolicy many =
                new CallPolicy(
                        Duration.ofMinutes(10),
                        10,
                        Duration.ofSeconds(20),
                        Duration.ofSeconds(10),
                        1024,
                        CallPolicy.UNBOUNDED,
                        CallPolicy.UNBOUNDED,
                        false);

        assertThat(
                        new RetryRule(many, () -> 0.5)
                                .waitBeforeNext(5, unavailable(), Duration.ofMinutes(10)))
                .contains(Duration.ofSeconds(30));
    }

    @Test
    void attemptsCountTheFirstCall() {
        assertThat(middle.waitBeforeNext(3, unavailable(), PLENTY)).isEmpty();
    }

    @Test
    void neverRetriesWhatTheCallerMustFix() {
        for (XLinkException failure :
                new XLinkException[] {
                    new XLinkAuthException("a", 401, null, null, null, null),
                    new XLinkRequestException("r", 400, null, null, null, null),
                    new XLinkResponseException("u", 200, null, null, null, null)
                }) {
            assertThat(middle.waitBeforeNext(1, failure, PLENTY))
                    .as(failure.getClass().getSimpleName())
                    .isEmpty();
        }
    }

    @Test
    void rateLimitWaitsExactlyRetryAfter() {
        assertThat(middle.waitBeforeNext(1, limited(Duration.ofSeconds(7)), PLENTY))
                .contains(Duration.ofSeconds(7));
    }

    @Test
    void rateLimitWithoutHintBacksOff() {
        assertThat(middle.waitBeforeNext(1, limited(null), PLENTY)).contains(Duration.ofSeconds(1));
    }

    @Test
    void retryAfterBeyondTheMaximumWaitGivesUp() {
        assertThat(middle.waitBeforeNext(1, limited(Duration.ofSeconds(11)), PLENTY)).isEmpty();
        assertThat(middle.waitBeforeNext(1, limited(Duration.ofSeconds(10)), PLENTY))
                .contains(Duration.ofSeconds(10));
    }

    @Test
    void aWaitThatOutlastsTheDeadlineGivesUp() {
        assertThat(middle.waitBeforeNext(1, limited(Duration.ofSeconds(5)), Duration.ofSeconds(5)))
                .isEmpty();
        assertThat(middle.waitBeforeNext(1, unavailable(), Duration.ofMillis(900))).isEmpty();
    }

    static XLinkUnavailableException unavailable() {
        return new XLinkUnavailableException("u", 503, null, null, null, null);
    }

    static XLinkRateLimitException limited(Duration retryAfter) {
        return new XLinkRateLimitException("l", null, null, null, retryAfter);
    }
}
