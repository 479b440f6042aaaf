package one.aisa.xlink.internal.client;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeadlineTest {

    final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);

    DeadlineTest() {
        timer.setRemoveOnCancelPolicy(true);
    }

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void watchedDeadlineSchedulesNothingWhileReadsEndBeforeIt() {
        Deadline deadline =
                Deadline.watchedBy(timer, Duration.ofSeconds(30), Duration.ofSeconds(20));

        deadline.beforeRead();

        assertThat(timer.getQueue()).isEmpty();
        deadline.finish();
    }

    @Test
    void watchedDeadlineSchedulesItsExpiryOnceAReadCouldOutlastIt() {
        Deadline deadline =
                Deadline.watchedBy(timer, Duration.ofSeconds(30), Duration.ofSeconds(40));

        assertThat(timer.getQueue()).isEmpty();
        deadline.beforeRead();
        deadline.beforeRead();
        assertThat(timer.getQueue()).hasSize(1);

        deadline.finish();
        assertThat(timer.getQueue()).isEmpty();
        assertThat(deadline.passed()).isFalse();
    }

    @Test
    void watchedDeadlineAbortsWhatIsOpenWhenItPasses() throws Exception {
        Deadline deadline =
                Deadline.watchedBy(timer, Duration.ofMillis(100), Duration.ofSeconds(20));
        CountDownLatch aborted = new CountDownLatch(1);
        deadline.abortOnExpiry(aborted::countDown);

        deadline.beforeRead();

        assertThat(aborted.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(deadline.passed()).isTrue();
    }

    @Test
    void deadlineItsOwnerExpiresNeverSchedulesItself() {
        Deadline deadline = Deadline.after(Duration.ofMillis(1));

        deadline.beforeRead();

        assertThat(timer.getQueue()).isEmpty();
    }

    @Test
    void resourceRegisteredAfterExpiryIsAbortedAtOnce() {
        Deadline deadline = Deadline.after(Duration.ofSeconds(30));
        deadline.expire();
        boolean[] aborted = {false};

        deadline.abortOnExpiry(() -> aborted[0] = true);

        assertThat(aborted[0]).isTrue();
        assertThat(deadline.passed()).isTrue();
    }
}
