package one.aisa.xlink.internal.retry;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

import one.aisa.xlink.XLinkException;
import one.aisa.xlink.XLinkRequestException;
import one.aisa.xlink.XLinkUnavailableException;
import one.aisa.xlink.internal.client.Deadline;
import one.aisa.xlink.internal.config.CallPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class RetryingTest {

    /** The whole message of a request the application's stop ended. */
    static final String STOPPING =
            "AISAX047: the application is stopping; the request for a link was abandoned.";

    final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
    final ExecutorService workers = Executors.newFixedThreadPool(2);
    final Retrying retrying = new Retrying(timer, workers);

    @AfterEach
    void stop() {
        retrying.close();
        timer.shutdownNow();
        workers.shutdownNow();
    }

    @Test
    void retriesUntilAnAttemptSucceeds() throws Exception {
        AtomicInteger calls = new AtomicInteger();

        String result =
                retrying.run(
                                policy(Duration.ofSeconds(5), 3),
                                deadline -> {
                                    if (calls.incrementAndGet() < 3) {
                                        throw unavailable(calls.get());
                                    }
                                    return "linked";
                                })
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
                        deadline -> {
                            throw unavailable(calls.incrementAndGet());
                        });

        assertFinalFailure(failure(result), "attempt 3", 3, "attempt 1", "attempt 2");
    }

    @Test
    void failureTheCallerMustFixEndsAtOnce() {
        AtomicInteger calls = new AtomicInteger();

        CompletableFuture<String> result =
                retrying.run(
                        policy(Duration.ofSeconds(5), 3),
                        deadline -> {
                            calls.incrementAndGet();
                            throw new XLinkRequestException(
                                    "bad scope", 400, null, null, null, null);
                        });

        assertThat(failure(result)).isInstanceOf(XLinkRequestException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void deadlineEndsARequestWhoseAttemptHangsAndExpiresItsDeadline() {
        long start = System.nanoTime();
        Deadline[] seen = new Deadline[1];

        CompletableFuture<String> result =
                retrying.run(
                        policy(Duration.ofMillis(300), 3),
                        deadline -> {
                            seen[0] = deadline;
                            return blockForAMoment(deadline);
                        });

        XLinkException failure = failure(result);
        assertThat(failure).isInstanceOf(XLinkUnavailableException.class);
        assertThat(failure.getMessage())
                .startsWith("AISAX016")
                .contains("PT0.3S")
                .contains("after 1 attempt");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(250L, 2000L);
        assertThat(seen[0].passed()).as("the attempt's deadline was expired").isTrue();
    }

    @Test
    void closingFailsRequestsStillRunning() {
        CompletableFuture<String> result =
                retrying.run(policy(Duration.ofSeconds(30), 3), RetryingTest::blockForAMoment);

        retrying.close();

        assertThat(failure(result).getMessage()).startsWith("AISAX047");
        assertThat(
                        failure(
                                retrying.run(
                                        policy(Duration.ofSeconds(30), 3),
                                        RetryingTest::blockForAMoment)))
                .hasMessageStartingWith("AISAX047");
    }

    @Test
    void blockingRequestRunsItsAttemptsOnTheCallersThreadWhenTheClientTimesOutInTime() {
        Thread caller = Thread.currentThread();
        List<Thread> ranOn = new CopyOnWriteArrayList<>();

        String result =
                retrying.runHere(
                        policy(Duration.ofSeconds(5), 3, Duration.ofSeconds(2)),
                        deadline -> {
                            ranOn.add(Thread.currentThread());
                            if (ranOn.size() < 3) {
                                throw unavailable(ranOn.size());
                            }
                            return "linked";
                        });

        assertThat(result).isEqualTo("linked");
        assertThat(ranOn).containsExactly(caller, caller, caller);
        assertThat(timer.getQueue()).as("no deadline task left behind").isEmpty();
    }

    @Test
    void blockingRequestCarriesAttemptsAndEarlierFailures() {
        AtomicInteger calls = new AtomicInteger();

        XLinkException failure =
                failureHere(
                        deadline -> {
                            throw unavailable(calls.incrementAndGet());
                        });

        assertFinalFailure(failure, "attempt 3", 3, "attempt 1", "attempt 2");
    }

    @Test
    void blockingRequestWhoseClientMayOutwaitTheDeadlineIsReleasedAtTheDeadline() {
        Thread caller = Thread.currentThread();
        List<Thread> ranOn = new CopyOnWriteArrayList<>();
        Deadline[] seen = new Deadline[1];
        long start = System.nanoTime();

        assertThatThrownBy(
                        () ->
                                retrying.runHere(
                                        policy(Duration.ofMillis(300), 3, Duration.ofSeconds(2)),
                                        deadline -> {
                                            ranOn.add(Thread.currentThread());
                                            seen[0] = deadline;
                                            return blockForAMoment(deadline);
                                        }))
                .isInstanceOf(XLinkUnavailableException.class)
                .hasMessageStartingWith("AISAX016")
                .hasMessageContaining("after 1 attempt");

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(250L, 2000L);
        assertThat(ranOn).hasSize(1).doesNotContain(caller);
        assertThat(seen[0].passed()).as("the attempt's deadline was expired").isTrue();
    }

    @Test
    void blockingRequestMovesToAWorkerOnceTooLittleTimeIsLeft() {
        Thread caller = Thread.currentThread();
        List<Thread> ranOn = new CopyOnWriteArrayList<>();

        String result =
                retrying.runHere(
                        policy(Duration.ofMillis(1500), 2, Duration.ofMillis(1000)),
                        deadline -> {
                            ranOn.add(Thread.currentThread());
                            if (ranOn.size() == 1) {
                                sleep(600);
                                throw unavailable(1);
                            }
                            return "linked";
                        });

        assertThat(result).isEqualTo("linked");
        assertThat(ranOn).hasSize(2);
        assertThat(ranOn.get(0)).isSameAs(caller);
        assertThat(ranOn.get(1)).isNotSameAs(caller);
    }

    @Test
    void blockingRequestInterruptedDuringItsBackoffEndsAtOnce() {
        CallPolicy slowRetry = slowRetry();
        Thread caller = Thread.currentThread();
        timer.schedule(caller::interrupt, 200, TimeUnit.MILLISECONDS);
        long start = System.nanoTime();

        try {
            assertThatThrownBy(
                            () ->
                                    retrying.runHere(
                                            slowRetry,
                                            deadline -> {
                                                throw unavailable(1);
                                            }))
                    .isInstanceOf(XLinkUnavailableException.class)
                    .hasMessageStartingWith("AISAX017")
                    .satisfies(
                            failure ->
                                    assertThat(((XLinkException) failure).attempts()).isEqualTo(1));
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5000L);
    }

    @Test
    void closingEndsTheBackoffOfABlockingRequest() {
        CallPolicy slowRetry = slowRetry();
        timer.schedule(retrying::close, 200, TimeUnit.MILLISECONDS);
        long start = System.nanoTime();

        assertThatThrownBy(
                        () ->
                                retrying.runHere(
                                        slowRetry,
                                        deadline -> {
                                            throw unavailable(1);
                                        }))
                .hasMessageStartingWith("AISAX047");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5000L);
        assertThatThrownBy(() -> retrying.runHere(slowRetry, deadline -> "never"))
                .hasMessageStartingWith("AISAX047");
    }

    @Test
    void unforeseenFailureOfABlockingRequestIsTyped() {
        assertThatThrownBy(
                        () ->
                                retrying.runHere(
                                        policy(Duration.ofSeconds(5), 3, Duration.ofSeconds(1)),
                                        deadline -> {
                                            throw new IllegalStateException("sk-secret-in-here");
                                        }))
                .isInstanceOf(XLinkUnavailableException.class)
                .hasMessageStartingWith("AISAX018")
                .hasMessageNotContaining("sk-secret");
    }

    /**
     * How an attempt waiting for AIsa ends when the application stops: its connection aborted by
     * the stop, before or during the answer, or its Rest Client closed under it.
     */
    static Stream<Arguments> attemptsTheStopCutOff() {
        return Stream.of(
                Arguments.of(statusless("AISAX013: connection closed mid-body"), "AISAX013"),
                Arguments.of(statusless("AISAX014: connection lost"), "AISAX014"),
                Arguments.of(statusless("AISAX015: answer still arriving"), "AISAX015"),
                Arguments.of(new IllegalStateException("client is closed"), "AISAX018"));
    }

    @ParameterizedTest
    @MethodSource("attemptsTheStopCutOff")
    void attemptOnTheCallersThreadThatTheStopCutOffReportsTheStop(
            RuntimeException cutOff, String ownCode) {
        Thread caller = Thread.currentThread();
        List<Thread> ranOn = new CopyOnWriteArrayList<>();

        XLinkException failure =
                failureHere(
                        deadline -> {
                            ranOn.add(Thread.currentThread());
                            retrying.close();
                            throw cutOff;
                        });

        assertThat(failure.getMessage()).isEqualTo(STOPPING);
        assertThat(failure.attempts()).isEqualTo(1);
        assertThat(failure.getSuppressed())
                .singleElement()
                .satisfies(own -> assertThat(own.getMessage()).startsWith(ownCode));
        assertThat(ranOn).containsExactly(caller);
    }

    @Test
    void attemptCutOffByTheStopKeepsTheEarlierFailuresInOrder() {
        AtomicInteger calls = new AtomicInteger();

        XLinkException failure =
                failureHere(
                        deadline -> {
                            if (calls.incrementAndGet() == 1) {
                                throw unavailable(1);
                            }
                            retrying.close();
                            throw statusless("AISAX014: connection lost");
                        });

        assertFinalFailure(failure, STOPPING, 2, "attempt 1", "AISAX014: connection lost");
    }

    @Test
    void attemptOnAWorkerThatTheStopCancelledReportsTheStopOnce() {
        // Client timeouts that do not fit the deadline: the attempt runs on a worker.
        timer.schedule(retrying::close, 200, TimeUnit.MILLISECONDS);

        XLinkException failure =
                failureHere(policy(Duration.ofSeconds(30), 3), RetryingTest::blockForAMoment);

        assertThat(failure.getMessage()).isEqualTo(STOPPING);
        assertThat(failure.getSuppressed()).isEmpty();
    }

    @Test
    void answerFromAIsaStandsWhenTheApplicationStopsDuringTheAttempt() {
        XLinkException failure =
                failureHere(
                        deadline -> {
                            retrying.close();
                            throw unavailable(1);
                        });

        assertThat(failure.getMessage()).isEqualTo("attempt 1");
        assertThat(failure.httpStatus()).hasValue(503);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void attemptsBeyondTheConnectionsWaitOnAWorkerNotInTheRestClient() throws Exception {
        Retrying oneConnection = new Retrying(timer, workers, 1);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> ranOn = new CopyOnWriteArrayList<>();
        CallPolicy fits = policy(Duration.ofSeconds(5), 1, Duration.ofSeconds(2));
        CompletableFuture<String> first =
                CompletableFuture.supplyAsync(
                        () ->
                                oneConnection.runHere(
                                        fits,
                                        deadline -> {
                                            holding.countDown();
                                            await(release);
                                            return "first";
                                        }));
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
        timer.schedule(release::countDown, 300, TimeUnit.MILLISECONDS);

        String second =
                oneConnection.runHere(
                        fits,
                        deadline -> {
                            ranOn.add(Thread.currentThread());
                            return "second";
                        });

        assertThat(second).isEqualTo("second");
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(ranOn).hasSize(1).doesNotContain(Thread.currentThread());
        oneConnection.close();
    }

    @Test
    void attemptStillWaitingForAConnectionAtTheDeadlineIsNeverSent() throws Exception {
        Retrying oneConnection = new Retrying(timer, workers, 1);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger sent = new AtomicInteger();
        CompletableFuture<String> first =
                CompletableFuture.supplyAsync(
                        () ->
                                oneConnection.runHere(
                                        policy(Duration.ofSeconds(5), 1, Duration.ofSeconds(2)),
                                        deadline -> {
                                            holding.countDown();
                                            await(release);
                                            return "first";
                                        }));
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(
                        () ->
                                oneConnection.runHere(
                                        policy(Duration.ofMillis(300), 1, Duration.ofMillis(200)),
                                        deadline -> {
                                            sent.incrementAndGet();
                                            return "late";
                                        }))
                .hasMessageMatching("AISAX01[69]: .*");
        CompletableFuture<String> asynchronous =
                oneConnection.run(
                        policy(Duration.ofMillis(300), 1),
                        deadline -> {
                            sent.incrementAndGet();
                            return "late";
                        });
        assertThat(failure(asynchronous)).hasMessageMatching("AISAX01[69]: .*");
        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
        sleep(300);

        assertThat(sent).as("attempts sent after their deadline").hasValue(0);
        oneConnection.close();
    }

    @Test
    void interruptedCallerMakesNoAttempt() {
        AtomicInteger calls = new AtomicInteger();
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(
                            () ->
                                    retrying.runHere(
                                            policy(Duration.ofSeconds(5), 3, Duration.ofSeconds(2)),
                                            deadline -> {
                                                calls.incrementAndGet();
                                                return "linked";
                                            }))
                    .hasMessageStartingWith("AISAX017");
        } finally {
            Thread.interrupted();
        }
        assertThat(calls).hasValue(0);
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An attempt whose answer comes too late for the tests' deadlines. */
    static String blockForAMoment(Deadline deadline) {
        try {
            Thread.sleep(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "too late";
    }

    /** A policy whose Rest Client never gives up waiting: its attempts go to a call thread. */
    static CallPolicy policy(Duration timeout, int attempts) {
        return policy(
                timeout,
                attempts,
                Duration.ofMillis(10),
                CallPolicy.UNBOUNDED,
                CallPolicy.UNBOUNDED);
    }

    /** A policy that waits ten seconds before its first retry, its attempts on the caller. */
    static CallPolicy slowRetry() {
        return policy(
                Duration.ofSeconds(30),
                3,
                Duration.ofSeconds(10),
                Duration.ofMillis(500),
                Duration.ofMillis(500));
    }

    /** A policy whose Rest Client gives up waiting after {@code clientWaitLimit}. */
    static CallPolicy policy(Duration timeout, int attempts, Duration clientWaitLimit) {
        return policy(
                timeout,
                attempts,
                Duration.ofMillis(10),
                clientWaitLimit.dividedBy(2),
                clientWaitLimit.dividedBy(2));
    }

    private static CallPolicy policy(
            Duration timeout,
            int attempts,
            Duration firstBackoff,
            Duration connectTimeout,
            Duration readTimeout) {
        return new CallPolicy(
                timeout,
                attempts,
                firstBackoff,
                Duration.ofSeconds(1),
                1 << 20,
                connectTimeout,
                readTimeout,
                false);
    }

    /**
     * Runs a blocking request whose Rest Client gives up within the deadline; returns its failure.
     */
    XLinkException failureHere(Function<Deadline, String> attempt) {
        return failureHere(policy(Duration.ofSeconds(5), 3, Duration.ofSeconds(2)), attempt);
    }

    /** Runs a blocking request and returns its failure, which must be an unavailability. */
    XLinkException failureHere(CallPolicy policy, Function<Deadline, String> attempt) {
        Throwable thrown = catchThrowable(() -> retrying.runHere(policy, attempt));
        assertThat(thrown).isInstanceOf(XLinkUnavailableException.class);
        return (XLinkException) thrown;
    }

    /** Asserts a request's final failure: its message, its attempts, the earlier ones in order. */
    static void assertFinalFailure(
            XLinkException failure, String message, int attempts, String... earlier) {
        assertThat(failure.getMessage()).isEqualTo(message);
        assertThat(failure.attempts()).isEqualTo(attempts);
        assertThat(failure.getSuppressed())
                .extracting(Throwable::getMessage)
                .containsExactly(earlier);
    }

    static XLinkUnavailableException statusless(String message) {
        return new XLinkUnavailableException(message, 0, null, null, null, null);
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
