package one.aisa.xlink.internal.retry;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import one.aisa.xlink.XLinkException;
import one.aisa.xlink.XLinkRequestException;
import one.aisa.xlink.XLinkUnavailableException;
import one.aisa.xlink.internal.config.CallPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryingTest {

    final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
    final Retrying retrying = new Retrying(timer);

    @AfterEach
    void stop() {
        retrying.close();
        timer.shutdownNow();
    }

    @Test
    void retriesUntilAnAttemptSucceeds() throws Exception {
        AtomicInteger calls = new AtomicInteger();

        String result =
                retrying.run(
                                policy(Duration.ofSeconds(5), 3),
                                deadline ->
                                        calls.incrementAndGet() < 3
                                                ? CompletableFuture.failedFuture(
                                                        unavailable(calls.get()))
                                                : CompletableFuture.completedFuture("linked"))
                        .get(5, TimeUnit.SECONDS);

        assertThat(result).isEqualTo("linked");
        assertThat(calls).hasValue(3);
    }

    @Test
    void lastFailureCarriesAttemptsAndEarlierFailures() {
        AtomicInteger calls = new AtomicInteger();

        CompletableFuture<String> result =
                retrying.run(
                        policy(Duration.ofSeconds(5), 3),
                        deadline ->
                                CompletableFuture.failedFuture(
                                        unavailable(calls.incrementAndGet())));

        XLinkException failure = failure(result);
        assertThat(failure.getMessage()).isEqualTo("attempt 3");
        assertThat(failure.attempts()).isEqualTo(3);
        assertThat(failure.getSuppressed())
                .extracting(Throwable::getMessage)
                .containsExactly("attempt 1", "attempt 2");
    }

    @Test
    void failureTheCallerMustFixEndsAtOnce() {
        AtomicInteger calls = new AtomicInteger();

        CompletableFuture<String> result =
                retrying.run(
                        policy(Duration.ofSeconds(5), 3),
                        deadline -> {
                            calls.incrementAndGet();
                            return CompletableFuture.failedFuture(
                                    new XLinkRequestException(
                                            "bad scope", 400, null, null, null, null));
                        });

        assertThat(failure(result)).isInstanceOf(XLinkRequestException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void deadlineEndsARequestWhoseAttemptNeverCompletes() {
        long start = System.nanoTime();

        CompletableFuture<String> result =
                retrying.run(
                        policy(Duration.ofMillis(300), 3), deadline -> new CompletableFuture<>());

        XLinkException failure = failure(result);
        assertThat(failure).isInstanceOf(XLinkUnavailableException.class);
        assertThat(failure.getMessage())
                .startsWith("AISAX016")
                .contains("PT0.3S")
                .contains("after 1 attempt");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(250L, 2000L);
    }

    @Test
    void closingFailsRequestsStillRunning() {
        CompletableFuture<String> result =
                retrying.run(
                        policy(Duration.ofSeconds(30), 3), deadline -> new CompletableFuture<>());

        retrying.close();

        assertThat(failure(result).getMessage()).startsWith("AISAX047");
        assertThat(
                        failure(
                                retrying.run(
                                        policy(Duration.ofSeconds(30), 3),
                                        d -> new CompletableFuture<>())))
                .hasMessageStartingWith("AISAX047");
    }

    static CallPolicy policy(Duration timeout, int attempts) {
        return new CallPolicy(
                timeout, attempts, Duration.ofMillis(10), Duration.ofSeconds(1), 1 << 20);
    }

    static XLinkUnavailableException unavailable(int attempt) {
        return new XLinkUnavailableException("attempt " + attempt, 503, null, null, null, null);
    }

    static XLinkException failure(CompletableFuture<?> result) {
        assertThatThrownBy(() -> result.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class);
        try {
            result.get();
            throw new AssertionError("completed normally");
        } catch (ExecutionException e) {
            return (XLinkException) e.getCause();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
