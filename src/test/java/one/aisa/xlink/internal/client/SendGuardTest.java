package one.aisa.xlink.internal.client;

import java.time.Duration;

import jakarta.ws.rs.ProcessingException;

import one.aisa.xlink.XLinkUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SendGuardTest {

    private final SendGuard guard = new SendGuard();

    @AfterEach
    void endAttempt() {
        SendGuard.attempted(null);
    }

    @Test
    void aRequestWhoseDeadlineHasPassedIsNotSent() {
        Deadline deadline = Deadline.after(Duration.ofMinutes(1));
        SendGuard.attempting(deadline);
        deadline.expire();

        assertThatThrownBy(() -> guard.filter(null)).isInstanceOf(SendGuard.DeadlinePassed.class);
    }

    @Test
    void aRequestWithTimeLeftIsSent() {
        SendGuard.attempting(Deadline.after(Duration.ofMinutes(1)));

        assertThatCode(() -> guard.filter(null)).doesNotThrowAnyException();
    }

    @Test
    void aRequestOutsideAnAttemptIsLeftAlone() {
        Deadline outer = SendGuard.attempting(Deadline.after(Duration.ZERO));
        SendGuard.attempted(outer);

        assertThatCode(() -> guard.filter(null)).doesNotThrowAnyException();
    }

    @Test
    void anAttemptWithinAnotherGivesTheOuterDeadlineBack() {
        Deadline passed = Deadline.after(Duration.ZERO);
        Deadline outer = SendGuard.attempting(passed);
        Deadline inner = SendGuard.attempting(Deadline.after(Duration.ofMinutes(1)));

        assertThatCode(() -> guard.filter(null)).doesNotThrowAnyException();
        SendGuard.attempted(inner);
        assertThatThrownBy(() -> guard.filter(null)).isInstanceOf(SendGuard.DeadlinePassed.class);
        SendGuard.attempted(outer);
        assertThatCode(() -> guard.filter(null)).doesNotThrowAnyException();
    }

    @Test
    void theCallerIsToldTheAttemptWasNotSentAndTheLimitThatStoppedIt() {
        XLinkUnavailableException e =
                AisaGateway.unavailable(
                        new ProcessingException(
                                new SendGuard.DeadlinePassed(Duration.ofSeconds(3))));

        assertThat(e.getMessage())
                .isEqualTo(
                        "AISAX019: the attempt was not sent: aisa.call-timeout (PT3S) passed"
                                + " before it could leave for AIsa. Retry later.");
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.httpStatus()).isEmpty();
        assertThat(e.getCause()).isNull();
    }
}
