package one.aisa.xlink.internal.retry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

import one.aisa.xlink.XLinkException;
import one.aisa.xlink.XLinkUnavailableException;
import one.aisa.xlink.internal.client.Deadline;
import one.aisa.xlink.internal.client.SendGuard;
import one.aisa.xlink.internal.config.CallPolicy;

/**
 * Runs the attempts of one request under its deadline: retries what {@link RetryRule} allows and
 * fails the request when the deadline passes. The final failure carries the number of attempts and
 * the earlier failures as suppressed exceptions.
 *
 * <p>Two ways to run a request. {@link #runHere} blocks its caller and makes each attempt on the
 * caller's own thread whenever the Rest Client's timeouts end every wait for an answer before the
 * deadline; otherwise that attempt runs on a worker while the caller waits at most until the
 * deadline. {@link #run} never blocks its caller: attempts run on workers, waits between them on
 * the timer, and a timer task ends the request at its deadline even if an attempt is still under
 * way.
 *
 * <p>Thread-safe; one instance serves every request of the application. {@link #close()} ends the
 * requests still running, so no caller waits on a stopped application.
 */
public final class Retrying implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Retrying.class.getName());

    /** The connections Open Liberty's Rest Client (RESTEasy) pools per client by default. */
    static final int CONNECTIONS = 50;

    /** The failure of a request the application's stop ended. */
    private static final String STOPPING =
            "AISAX047: the application is stopping; the request for a link was abandoned.";

    private final ScheduledExecutorService timer;
    private final Executor workers;
    private final Set<Request<?>> running = ConcurrentHashMap.newKeySet();
    private final Set<Caller> callers = ConcurrentHashMap.newKeySet();

    /**
     * One permit per connection the Rest Client pools for the module's client (50 on Open Liberty,
     * RESTEasy's default). An attempt holds one while it runs, so none ever queues inside the Rest
     * Client for a connection, a wait no timeout bounds: an attempt on the caller's thread runs
     * only if a permit is free at once, and one on a worker waits for a permit at most until its
     * deadline.
     */
    private final Semaphore connections;

    private volatile boolean closed;

    /**
     * @param timer runs deadlines and backoff waits; owned by the caller
     * @param workers runs the attempts, which block; owned by the caller
     */
    public Retrying(ScheduledExecutorService timer, Executor workers) {
        this(timer, workers, CONNECTIONS);
    }

    /**
     * @param connections how many attempts may run at once, at most the connections the Rest Client
     *     pools
     */
    Retrying(ScheduledExecutorService timer, Executor workers, int connections) {
        this.timer = timer;
        this.workers = workers;
        this.connections = new Semaphore(connections);
    }

    /**
     * Runs a request, blocking the calling thread until it ends, at the latest shortly after the
     * deadline.
     *
     * @param policy deadline and retry settings
     * @param attempt makes one attempt, blocking, and throws an {@link XLinkException} when it
     *     fails
     * @return the first successful attempt's result
     * @throws XLinkException the last attempt's failure, or why the request was given up
     */
    public <T> T runHere(CallPolicy policy, Function<Deadline, T> attempt) {
        Caller caller = new Caller(policy);
        callers.add(caller);
        try {
            if (closed) {
                throw caller.giveUp(stopping(), 0);
            }
            return caller.run(attempt);
        } finally {
            callers.remove(caller);
            caller.deadline.finish();
        }
    }

    /**
     * Runs a request without blocking the calling thread.
     *
     * @param policy deadline and retry settings
     * @param attempt makes one attempt, blocking a worker thread, and throws an {@link
     *     XLinkException} when it fails
     * @return completes with the first successful attempt's result, or exceptionally with an {@link
     *     XLinkException}
     */
    public <T> CompletableFuture<T> run(CallPolicy policy, Function<Deadline, T> attempt) {
        Request<T> request = new Request<>(policy, attempt);
        // Listed before the check: a close() that runs in between then fails it, and one that
        // ran before is seen by the check, so no request escapes a stop.
        running.add(request);
        request.result.whenComplete((value, failure) -> running.remove(request));
        if (closed) {
            request.fail(stopping(), 0);
            return request.result;
        }
        request.start();
        return request.result;
    }

    @Override
    public void close() {
        closed = true;
        for (Request<?> request : running) {
            request.fail(stopping(), request.attempts);
        }
        for (Caller caller : callers) {
            caller.stop();
        }
    }

    /** Returns the failure of a request made while the application stops. */
    public static XLinkUnavailableException stopping() {
        return unavailable(STOPPING);
    }

    /** A request whose caller waits for it: its deadline, its failures, the thread waiting. */
    private final class Caller {

        final CallPolicy policy;
        final Deadline deadline;
        final RetryRule rule;
        final Thread thread = Thread.currentThread();
        final List<XLinkException> failures = new ArrayList<>();

        /** The attempt running on a worker, if one is. */
        volatile CompletableFuture<?> elsewhere;

        Caller(CallPolicy policy) {
            this.policy = policy;
            this.deadline = Deadline.watchedBy(timer, policy.callTimeout(), policy.readTimeout());
            this.rule = rule(policy);
        }

        <T> T run(Function<Deadline, T> attempt) {
            for (int number = 1; ; number++) {
                if (thread.isInterrupted()) {
                    throw giveUp(interrupted(), number - 1);
                }
                XLinkException failure;
                try {
                    if (policy.clientTimesOutWithin(deadline.remaining())
                            && connections.tryAcquire()) {
                        try {
                            return attempt.apply(deadline);
                        } finally {
                            connections.release();
                        }
                    }
                    return elsewhere(attempt, number);
                } catch (XLinkException e) {
                    failure = e;
                } catch (RuntimeException e) {
                    throw giveUp(stoppedDuring(unexpected(e)), number);
                }
                Optional<Duration> wait =
                        rule.waitBeforeNext(number, failure, deadline.remaining());
                if (wait.isEmpty() || closed || thread.isInterrupted()) {
                    throw giveUp(stoppedDuring(failure), number);
                }
                failures.add(failure);
                logRetry(number, failure, wait.get());
                pause(wait.get(), number);
            }
        }

        /**
         * Makes an attempt on a worker and waits for it until the deadline: the Rest Client might
         * otherwise hold this thread past it.
         */
        private <T> T elsewhere(Function<Deadline, T> attempt, int number) {
            CompletableFuture<T> stage;
            try {
                stage = onWorker(attempt, deadline);
            } catch (RejectedExecutionException e) {
                throw stopping();
            }
            elsewhere = stage;
            try {
                if (closed) {
                    throw stopping();
                }
                return stage.get(Math.max(0, deadline.remaining().toNanos()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                Throwable cause = unwrap(e.getCause());
                if (cause instanceof RuntimeException failure) {
                    // It surfaced on a worker: show the caller where it surfaced instead.
                    failure.setStackTrace(new Throwable().getStackTrace());
                    throw failure;
                }
                throw new IllegalStateException(cause);
            } catch (TimeoutException e) {
                deadline.expire();
                throw timedOut(policy, number);
            } catch (CancellationException e) {
                throw stopping();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                deadline.expire();
                throw interrupted();
            } finally {
                elsewhere = null;
            }
        }

        /** Waits before the next attempt; the caller's thread has nothing else to do. */
        private void pause(Duration wait, int number) {
            long end = System.nanoTime() + wait.toNanos();
            for (long left = wait.toNanos(); left > 0 && !closed; left = end - System.nanoTime()) {
                LockSupport.parkNanos(this, left);
                if (thread.isInterrupted()) {
                    throw giveUp(interrupted(), number);
                }
            }
            if (closed) {
                throw giveUp(stopping(), number);
            }
        }

        /** Ends the wait of a stopping application: aborts what is open, wakes the caller. */
        void stop() {
            deadline.expire();
            CompletableFuture<?> running = elsewhere;
            if (running != null) {
                running.cancel(false);
            }
            LockSupport.unpark(thread);
        }

        XLinkException giveUp(XLinkException failure, int attemptsMade) {
            return withHistory(failure, attemptsMade, failures);
        }

        /**
         * The failure of an attempt, as the caller should see it. A stop aborts the connection of
         * an attempt still waiting for AIsa ({@code AISAX013}, {@code AISAX015}) and may close the
         * Rest Client under it ({@code AISAX014}, {@code AISAX018}): an attempt that got no answer
         * while the application stopped is reported as the stop, its own failure kept after the
         * earlier ones. An answer from AIsa stands.
         *
         * <p>Limitation: a failure with no answer that the stop did not cause, arriving while the
         * application stops, is reported as the stop too.
         */
        private XLinkException stoppedDuring(XLinkException failure) {
            if (!closed
                    || failure.httpStatus().isPresent()
                    || STOPPING.equals(failure.getMessage())) {
                return failure;
            }
            failures.add(failure);
            return stopping();
        }
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
            this.rule = rule(policy);
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
                stage = onWorker(attempt, deadline);
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
                fail(unexpected(failure), number);
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
            logRetry(number, typed, wait.get());
            try {
                timer.schedule(this::next, wait.get().toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                fail(typed, number);
            }
        }

        void deadlinePassed() {
            // Abort what the attempt still has open, so no connection keeps being read.
            deadline.expire();
            fail(timedOut(policy, attempts), attempts);
        }

        void fail(XLinkException failure, int attemptsMade) {
            if (result.isDone()) {
                return;
            }
            synchronized (failures) {
                withHistory(failure, attemptsMade, failures);
            }
            result.completeExceptionally(failure);
        }
    }

    /**
     * Starts an attempt on a worker. There it waits for a connection permit, at most until the
     * deadline, and is dropped unsent if the deadline has passed by then: its caller has already
     * been told, and a late request could make AIsa issue a link nobody tracks.
     */
    private <T> CompletableFuture<T> onWorker(Function<Deadline, T> attempt, Deadline deadline) {
        return CompletableFuture.supplyAsync(
                () -> {
                    boolean permitted;
                    try {
                        permitted =
                                connections.tryAcquire(
                                        Math.max(0, deadline.remaining().toNanos()),
                                        TimeUnit.NANOSECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw stopping();
                    }
                    if (!permitted) {
                        throw SendGuard.notSent(deadline.timeout());
                    }
                    try {
                        if (deadline.passed()) {
                            throw SendGuard.notSent(deadline.timeout());
                        }
                        return attempt.apply(deadline);
                    } finally {
                        connections.release();
                    }
                },
                workers);
    }

    /** Makes {@code failure} the request's final one: its attempts, the earlier ones suppressed. */
    private static XLinkException withHistory(
            XLinkException failure, int attemptsMade, List<XLinkException> earlier) {
        failure.withAttempts(attemptsMade);
        for (XLinkException before : earlier) {
            if (before != failure) {
                failure.addSuppressed(before);
            }
        }
        return failure;
    }

    private static void logRetry(int number, XLinkException failure, Duration wait) {
        LOG.log(
                System.Logger.Level.DEBUG,
                () ->
                        "AISAX070: attempt "
                                + number
                                + " failed ("
                                + failure.getClass().getSimpleName()
                                + "); retrying in "
                                + wait.toMillis()
                                + " ms");
    }

    private static XLinkUnavailableException timedOut(CallPolicy policy, int attempts) {
        return unavailable(
                "AISAX016: no usable answer from AIsa within aisa.call-timeout ("
                        + policy.callTimeout()
                        + ") after "
                        + attempts
                        + (attempts == 1 ? " attempt" : " attempts")
                        + ". Retry later.");
    }

    private static XLinkUnavailableException interrupted() {
        return unavailable("AISAX017: interrupted while waiting for AIsa.");
    }

    /**
     * A failure the module did not foresee (a runtime refusing its own configuration, say): the
     * caller still gets a typed exception, naming only the class of the cause, since its message
     * may quote configuration.
     */
    private static XLinkUnavailableException unexpected(Throwable failure) {
        return unavailable(
                "AISAX018: the call to AIsa failed unexpectedly ("
                        + failure.getClass().getName()
                        + "); check the aisa/mp-rest/* settings and the server log.");
    }

    /** A failure of the module's own, with no answer of AIsa's behind it. */
    private static XLinkUnavailableException unavailable(String message) {
        return new XLinkUnavailableException(message, 0, null, null, null, null);
    }

    /** Retry waits get their jitter from the thread's own generator: nothing shared per call. */
    private static RetryRule rule(CallPolicy policy) {
        return new RetryRule(policy, () -> ThreadLocalRandom.current().nextDouble());
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while (current instanceof CompletionException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
