package one.aisa.xlink.internal.client;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SendGuardTest {

    private final SendGuard guard = new SendGuard();

    @AfterEach
    void endAttempt() {
        SendGuard.attempted();
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
        SendGuard.attempting(Deadline.after(Duration.ZERO));
        SendGuard.attempted();

        assertThatCode(() -> guard.filter(null)).doesNotThrowAnyException();
    }
}
