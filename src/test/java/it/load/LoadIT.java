package it.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import it.support.Deployments;
import it.support.RecordedEvents;
import it.support.Stub;
import it.support.StubAdmin;
import one.aisa.xlink.XAccountLinker;
import one.aisa.xlink.XLinkCompleted;
import one.aisa.xlink.XLinkEvent;
import one.aisa.xlink.XLinkExpired;
import one.aisa.xlink.XLinkRequest;
import one.aisa.xlink.XLinkRequested;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Under load on a real Liberty: 10,000 blocking requests from 32 threads and 1,000 asynchronous
 * ones, against a stub that grants a new four-second link per call, with an application observer
 * that throws on every seventh event. Every link is announced exactly once per delivery
 * (synchronous and asynchronous), every link expires exactly once per delivery, and nothing is left
 * pending.
 */
@ExtendWith(ArquillianExtension.class)
public class LoadIT {

    static final int SYNC_REQUESTS = 10_000;
    static final int CALLER_THREADS = 32;
    static final int ASYNC_REQUESTS = 1_000;
    static final int ASYNC_IN_FLIGHT = 32;
    static final int TOTAL = SYNC_REQUESTS + ASYNC_REQUESTS;
    static final String STATE_PREFIX = "st-load-";

    @Deployment
    public static WebArchive app() {
        // The shared recorder keeps every event in a copy-on-write list; 44,000 events would make
        // it the bottleneck of the run, so this application counts with its own observers only.
        return Deployments.app(
                        "load",
                        Stub.config() + "aisa.api-key=sk-aisa-TESTKEY-load-0007\n",
                        LoadIT.class,
                        CountingObservers.class,
                        EverySeventhThrows.class)
                .deleteClasses(RecordedEvents.class, RecordedEvents.Seen.class);
    }

    @Inject XAccountLinker linker;

    @Inject CountingObservers counted;

    @Inject EverySeventhThrows throwing;

    @Test
    void elevenThousandLinksAreAnnouncedAndExpireOnceEachDespiteAThrowingObserver()
            throws Exception {
        StubAdmin.fromConfig().reset().answer(StubAdmin.freshLink(STATE_PREFIX, "4 seconds"));
        Set<String> returned = ConcurrentHashMap.newKeySet();
        AtomicInteger returnedAgain = new AtomicInteger();
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();

        ExecutorService callers =
                Executors.newFixedThreadPool(CALLER_THREADS, threadsWithThisClassLoader());
        try {
            AtomicInteger tickets = new AtomicInteger();
            for (int i = 0; i < CALLER_THREADS; i++) {
                callers.execute(
                        () -> {
                            while (tickets.getAndIncrement() < SYNC_REQUESTS) {
                                try {
                                    keep(linker.requestLink().state(), returned, returnedAgain);
                                } catch (RuntimeException e) {
                                    failures.add(describe(e));
                                }
                            }
                        });
            }
            requestAsynchronously(returned, returnedAgain, failures);
            callers.shutdown();
            assertThat(callers.awaitTermination(5, TimeUnit.MINUTES))
                    .as("the %d callers finished within 5 minutes", CALLER_THREADS)
                    .isTrue();
        } finally {
            callers.shutdownNow();
        }
        long requestMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(failures.size())
                .as("failed requests, such as %s", failures.stream().distinct().limit(5).toList())
                .isZero();
        assertThat(returnedAgain.get()).as("requests that returned a state twice").isZero();
        assertThat(returned.size()).as("distinct states returned").isEqualTo(TOTAL);
        assertThat(returned.stream().filter(s -> !s.startsWith(STATE_PREFIX)).limit(5))
                .as("returned states the stub did not grant")
                .isEmpty();

        long expiryStart = System.nanoTime();
        boolean allSeen =
                await(
                        () ->
                                counted.count(XLinkRequested.class, true) >= TOTAL
                                        && counted.count(XLinkExpired.class, false) >= TOTAL
                                        && counted.count(XLinkExpired.class, true) >= TOTAL,
                        Duration.ofMinutes(2));
        long expiryMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - expiryStart);
        // A second delivery of the same event would come close behind the first: give it time.
        TimeUnit.SECONDS.sleep(2);

        assertThat(allSeen)
                .as(
                        "every link announced asynchronously and expired both ways within 2 min"
                                + " (requested sync/async %d/%d, expired sync/async %d/%d)",
                        counted.count(XLinkRequested.class, false),
                        counted.count(XLinkRequested.class, true),
                        counted.count(XLinkExpired.class, false),
                        counted.count(XLinkExpired.class, true))
                .isTrue();
        for (boolean async : new boolean[] {false, true}) {
            String delivery = async ? "asynchronous" : "synchronous";
            for (Class<? extends XLinkEvent> type :
                    List.of(XLinkRequested.class, XLinkExpired.class)) {
                String what = type.getSimpleName() + " (" + delivery + ")";
                Set<String> states = counted.states(type, async);
                assertThat(states.size()).as("distinct states of %s", what).isEqualTo(TOTAL);
                assertThat(difference(returned, states))
                        .as("returned links without %s", what)
                        .isEmpty();
                assertThat(counted.repeats(type, async)).as("repeated %s", what).isZero();
                assertThat(throwing.calls(type, async))
                        .as("%s calls counted by the throwing observer itself", what)
                        .isEqualTo(TOTAL);
            }
            assertThat(counted.count(XLinkCompleted.class, async))
                    .as("XLinkCompleted (%s) without any markLinked", delivery)
                    .isZero();
        }
        assertThat(linker.pendingLinks()).as("links still pending").isEmpty();

        // One line in messages.log with the figures of this run.
        System.out.println(
                String.format(
                        "LoadIT: %d links (%d blocking from %d threads, %d asynchronous) in %d ms;"
                                + " all expiries observed %d ms after the last answer",
                        TOTAL,
                        SYNC_REQUESTS,
                        CALLER_THREADS,
                        ASYNC_REQUESTS,
                        requestMillis,
                        expiryMillis));
    }

    /**
     * Issues the asynchronous requests from this thread, at most {@link #ASYNC_IN_FLIGHT} at once.
     */
    private void requestAsynchronously(
            Set<String> returned, AtomicInteger returnedAgain, Queue<String> failures)
            throws Exception {
        Semaphore slots = new Semaphore(ASYNC_IN_FLIGHT);
        List<CompletableFuture<?>> calls = new ArrayList<>(ASYNC_REQUESTS);
        for (int i = 0; i < ASYNC_REQUESTS; i++) {
            assertThat(slots.tryAcquire(60, TimeUnit.SECONDS))
                    .as("a slot for asynchronous request %d within 60 s", i)
                    .isTrue();
            calls.add(
                    linker.requestLinkAsync(XLinkRequest.defaults())
                            .toCompletableFuture()
                            .whenComplete(
                                    (link, failure) -> {
                                        slots.release();
                                        if (failure == null) {
                                            keep(link.state(), returned, returnedAgain);
                                        } else {
                                            failures.add(describe(failure));
                                        }
                                    }));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
                .handle((ignored, failure) -> null)
                .get(5, TimeUnit.MINUTES);
    }

    private static void keep(String state, Set<String> returned, AtomicInteger returnedAgain) {
        if (!returned.add(state)) {
            returnedAgain.incrementAndGet();
        }
    }

    private static String describe(Throwable failure) {
        Throwable shown =
                failure instanceof java.util.concurrent.CompletionException
                                && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
        return shown.getClass().getSimpleName() + ": " + shown.getMessage();
    }

    /** Up to five members of {@code expected} missing from {@code actual}. */
    private static List<String> difference(Set<String> expected, Set<String> actual) {
        return expected.stream().filter(s -> !actual.contains(s)).limit(5).toList();
    }

    private static boolean await(BooleanSupplier condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return true;
    }

    /** Caller threads resolve the application's classes, as the server's own threads would. */
    private static ThreadFactory threadsWithThisClassLoader() {
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        AtomicInteger number = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "load-caller-" + number.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(application);
            return thread;
        };
    }
}
