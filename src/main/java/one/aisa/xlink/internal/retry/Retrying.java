package one.aisa.xlink.internal.retry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import one.aisa.xlink.XLinkException;
import one.aisa.xlink.XLinkUnavailableException;
import one.aisa.xlink.internal.client.Deadline;
import one.aisa.xlink.internal.config.CallPolicy;

/**
 * Runs the attempts of one request under its deadline: retries what {@link RetryRule} allows, waits
 * on a timer (never by sleeping a thread), and fails the request when the deadline passes even if
 * an attempt is still under way. The final failure carries the number of attempts and the earlier
 * failures as suppressed exceptions.
 *
 * <p>Thread-safe; one instance serves every request of the application. {@link #close()} fails the
 * requests still running, so no caller waits on a stopped application.
 */
public final class Retrying implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Retrying.class.getName());

    private final ScheduledExecutorService timer;
    private final Executor workers;
    private final Set<Request<?>> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * @param timer runs deadlines and backoff waits; owned by the caller
     * @param workers runs the attempts, which block; owned by the caller
     */
    public Retrying(ScheduledExecutorService timer, Executor workers) {
        this.timer = timer;
        this.workers = workers;
    }

    /**
     * Runs a request.
     *
     * @param policy deadline and retry settings
     * @param attempt makes one attempt, blocking a worker thread, and throws an {@link
     *     XLinkException} when it fails
     * @return completes with the first successful attempt's result, or exceptionally with an {@link
     *     XLinkException}
     */
    public <T> CompletableFuture<T> run(CallPolicy policy, Function<Deadline, T> attempt) {
        Request<T> request = new Request<>(policy, attempt);
        if (closed) {
            request.fail(stopping(), 0);
            return request.result;
        }
        running.add(request);
        request.result.whenComplete((value, failure) -> running.remove(request));
        request.start();
        return request.result;
    }

    @Override
    public void close() {
        closed = true;
        for (Request<?> request : running) {
            request.fail(stopping(), request.attempts);
        }
    }

    private static XLinkUnavailableException stopping() {
        return new XLinkUnavailableException(
                "AISAX047: the application is stopping; the request for a link was abandoned.",
                0,
                null,
                null,
                null,
                null);
    }

    /** One request: its attempts, their failures, its deadline. */
    private final class Request<T> {

        final CallPolicy policy;
        final Function<Deadline, T> attempt;
        final Deadline deadline;
        final RetryRule rule;
        final CompletableFuture<T> result = new CompletableFuture<>();
        final List<XLinkException> failures = new ArrayList<>();
        volatile int attempts;
        volatile ScheduledFuture<?> deadlineTask;

        Request(CallPolicy policy, Function<Deadline, T> attempt) {
            this.policy = policy;
            this.attempt = attempt;
            this.deadline = Deadline.after(policy.callTimeout());
            this.rule = new RetryRule(policy, () -> ThreadLocalRandom.current().nextDouble());
        }

        void start() {
            try {
                deadlineTask =
                        timer.schedule(
                                this::deadlinePassed,
                                policy.callTimeout().toNanos(),
                                TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                fail(stopping(), 0);
                return;
            }
            result.whenComplete(
                    (value, failure) -> {
                        deadlineTask.cancel(false);
                        if (failure != null) {
                            deadline.expire();
                        }
                    });
            next();
        }

        void next() {
            if (result.isDone()) {
                return;
            }
            int number = ++attempts;
            CompletableFuture<T> stage;
            try {
                stage = CompletableFuture.supplyAsync(() -> attempt.apply(deadline), workers);
            } catch (RejectedExecutionException e) {
                fail(stopping(), number - 1);
                return;
            }
            stage.whenComplete(
                    (value, failure) -> {
                        if (failure == null) {
                            result.complete(value);
                        } else {
                            failed(number, unwrap(failure));
                        }
                    });
        }

        void failed(int number, Throwable failure) {
            if (!(failure instanceof XLinkException typed)) {
                // Not a failure the module foresaw (a runtime refusing its own configuration, say):
                // the caller still gets a typed exception, naming only the class of the cause,
                // since its message may quote configuration.
                fail(
                        new XLinkUnavailableException(
                                "AISAX018: the call to AIsa failed unexpectedly ("
                                        + failure.getClass().getName()
                                        + "); check the aisa/mp-rest/* settings and the server log.",
                                0,
                                null,
                                null,
                                null,
                                null),
                        number);
                return;
            }
            Optional<Duration> wait = rule.waitBeforeNext(number, typed, deadline.remaining());
            if (wait.isEmpty() || closed) {
                fail(typed, number);
                return;
            }
            synchronized (failures) {
                failures.add(typed);
            }
            LOG.log(
                    System.Logger.Level.DEBUG,
                    () ->
                            "AISAX070: attempt "
                                    + number
                                    + " failed ("
                                    + typed.getClass().getSimpleName()
                                    + "); retrying in "
                                    + wait.get().toMillis()
                                    + " ms");
            try {
                timer.schedule(this::next, wait.get().toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                fail(typed, number);
            }
        }

        void deadlinePassed() {
            // Abort what the attempt still has open, so no connection keeps being read.
            deadline.expire();
            fail(
                    new XLinkUnavailableException(
                            "AISAX016: no usable answer from AIsa within aisa.call-timeout ("
                                    + policy.callTimeout()
                                    + ") after "
                                    + attempts
                                    + (attempts == 1 ? " attempt" : " attempts")
                                    + ". Retry later.",
                            0,
                            null,
                            null,
                            null,
                            null),
                    attempts);
        }

        void fail(XLinkException failure, int attemptsMade) {
            if (result.isDone()) {
                return;
            }
            failure.withAttempts(attemptsMade);
            synchronized (failures) {
                for (XLinkException earlier : failures) {
                    if (earlier != failure) {
                        failure.addSuppressed(earlier);
                    }
                }
            }
            result.completeExceptionally(failure);
        }
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while (current instanceof CompletionException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
