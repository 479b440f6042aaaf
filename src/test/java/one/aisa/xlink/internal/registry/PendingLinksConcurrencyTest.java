package one.aisa.xlink.internal.registry;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import one.aisa.xlink.XLink;
import one.aisa.xlink.XScope;
import one.aisa.xlink.internal.registry.LinkRegistry.End;
import one.aisa.xlink.internal.registry.LinkRegistry.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Many threads registering, announcing and ending links while the scheduler expires others. */
class PendingLinksConcurrencyTest {

    private static final int THREADS = 8;
    private static final int LINKS_PER_THREAD = 500;
    private static final long WAIT_SECONDS = 30;

    private final Map<String, Queue<End>> reports = new ConcurrentHashMap<>();
    private final Set<String> announcing = ConcurrentHashMap.newKeySet();
    private final Queue<String> reportedBeforeAnnouncement = new ConcurrentLinkedQueue<>();
    private final AtomicInteger reportCount = new AtomicInteger();
    private final Semaphore reported = new Semaphore(0);
    private final PendingLinks pending =
            new PendingLinks(
                    (link, end) -> {
                        if (!announcing.contains(link.state())) {
                            reportedBeforeAnnouncement.add(link.state());
                        }
                        reports.computeIfAbsent(link.state(), s -> new ConcurrentLinkedQueue<>())
                                .add(end);
                        reportCount.incrementAndGet();
                        reported.release();
                    },
                    Clock.systemUTC(),
                    task -> {
                        Thread thread = new Thread(task, "aisa-x-link-expiry");
                        thread.setDaemon(true);
                        return thread;
                    });
    private final ExecutorService workers = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stop() throws InterruptedException {
        workers.shutdownNow();
        assertThat(workers.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        pending.close();
    }

    private enum Plan {
        COMPLETE,
        COMPLETE_BEFORE_ANNOUNCING,
        CANCEL,
        CANCEL_BEFORE_ANNOUNCING,
        EXPIRE,
        RACE_COMPLETION_WITH_EXPIRY,
        RACE_CANCELLATION_WITH_EXPIRY
    }

    /** What one link was expected to report: COMPLETED, EXPIRED, or null for nothing. */
    private record Outcome(String state, End expected) {}

    private static XLink link(String account, String state, Duration expiresIn) {
        return new XLink(
                account,
                state,
                URI.create("https://x.com/i/oauth2/authorize?state=" + state),
                Instant.now().plus(expiresIn),
                Set.of(XScope.TWEET_READ),
                Instant.now(),
                null,
                Map.of());
    }

    private Outcome run(int worker, int index) {
        Plan plan = Plan.values()[(worker + index) % Plan.values().length];
        String account = worker % 2 == 0 ? "default" : "marketing";
        String state = "st-" + worker + "-" + index;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Duration expiresIn =
                switch (plan) {
                    case EXPIRE, RACE_COMPLETION_WITH_EXPIRY, RACE_CANCELLATION_WITH_EXPIRY ->
                            Duration.ofMillis(random.nextInt(0, 20));
                    default -> Duration.ofHours(1);
                };
        Handle handle = pending.register(link(account, state, expiresIn)).orElseThrow();

        switch (plan) {
            case COMPLETE_BEFORE_ANNOUNCING -> {
                assertThat(pending.end(account, state, End.COMPLETED)).isTrue();
                announce(state, handle);
                return new Outcome(state, End.COMPLETED);
            }
            case CANCEL_BEFORE_ANNOUNCING -> {
                assertThat(pending.end(account, state, End.CANCELLED)).isTrue();
                announce(state, handle);
                return new Outcome(state, null);
            }
            default -> announce(state, handle);
        }

        return switch (plan) {
            case COMPLETE -> {
                assertThat(pending.end(account, state, End.COMPLETED)).isTrue();
                yield new Outcome(state, End.COMPLETED);
            }
            case CANCEL -> {
                assertThat(pending.end(account, state, End.CANCELLED)).isTrue();
                yield new Outcome(state, null);
            }
            case EXPIRE -> new Outcome(state, End.EXPIRED);
            case RACE_COMPLETION_WITH_EXPIRY -> {
                boolean completed = pending.end(account, state, End.COMPLETED);
                yield new Outcome(state, completed ? End.COMPLETED : End.EXPIRED);
            }
            case RACE_CANCELLATION_WITH_EXPIRY -> {
                boolean cancelled = pending.end(account, state, End.CANCELLED);
                yield new Outcome(state, cancelled ? null : End.EXPIRED);
            }
            default -> throw new AssertionError(plan);
        };
    }

    private void announce(String state, Handle handle) {
        announcing.add(state);
        pending.announced(handle);
    }

    @Test
    void everyLinkIsReportedAtMostOnceAndEachExpectedEndExactlyOnce() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Outcome>>> futures = new ArrayList<>();
        for (int w = 0; w < THREADS; w++) {
            int worker = w;
            futures.add(
                    workers.submit(
                            () -> {
                                start.await();
                                List<Outcome> outcomes = new ArrayList<>();
                                for (int i = 0; i < LINKS_PER_THREAD; i++) {
                                    outcomes.add(run(worker, i));
                                }
                                return outcomes;
                            }));
        }
        start.countDown();
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<List<Outcome>> future : futures) {
            outcomes.addAll(future.get(WAIT_SECONDS, TimeUnit.SECONDS));
        }
        long expectedReports = outcomes.stream().filter(o -> o.expected() != null).count();
        boolean allReported =
                reported.tryAcquire((int) expectedReports, WAIT_SECONDS, TimeUnit.SECONDS);
        // The longest expiry is 20 ms: a duplicate report would come well within 100 ms.
        boolean moreReported = reported.tryAcquire(100, TimeUnit.MILLISECONDS);

        assertThat(outcomes).hasSize(THREADS * LINKS_PER_THREAD);
        assertThat(allReported).as("every expected report within %d s", WAIT_SECONDS).isTrue();
        assertThat(moreReported).as("a report beyond the expected ones").isFalse();
        assertThat(reportedBeforeAnnouncement).isEmpty();
        assertThat(reportCount.get()).isEqualTo(expectedReports);
        for (Outcome outcome : outcomes) {
            Queue<End> ends = reports.get(outcome.state());
            if (outcome.expected() == null) {
                assertThat(ends).as("reports of cancelled %s", outcome.state()).isNull();
            } else {
                assertThat(ends)
                        .as("reports of %s", outcome.state())
                        .containsExactly(outcome.expected());
            }
        }
        assertThat(pending.size()).isZero();
        assertThat(pending.all("default")).isEmpty();
        assertThat(pending.all("marketing")).isEmpty();
    }

    @Test
    void concurrentRegistrationsOfOneStateAdmitExactlyOne() throws Exception {
        int states = 500;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int w = 0; w < THREADS; w++) {
            futures.add(
                    workers.submit(
                            () -> {
                                start.await();
                                int admitted = 0;
                                for (int i = 0; i < states; i++) {
                                    Optional<Handle> handle =
                                            pending.register(
                                                    link(
                                                            "default",
                                                            "st-" + i,
                                                            Duration.ofHours(1)));
                                    if (handle.isPresent()) {
                                        admitted++;
                                    }
                                }
                                return admitted;
                            }));
        }
        start.countDown();
        int admitted = 0;
        for (Future<Integer> future : futures) {
            admitted += future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        }

        assertThat(admitted).isEqualTo(states);
        assertThat(pending.size()).isEqualTo(states);
    }

    @Test
    void concurrentEndsOfOneLinkLetExactlyOneWin() throws Exception {
        int links = 500;
        List<Handle> handles = new ArrayList<>();
        for (int i = 0; i < links; i++) {
            Handle handle =
                    pending.register(link("default", "st-" + i, Duration.ofHours(1))).orElseThrow();
            announce("st-" + i, handle);
            handles.add(handle);
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int w = 0; w < THREADS; w++) {
            End end = w % 2 == 0 ? End.COMPLETED : End.CANCELLED;
            futures.add(
                    workers.submit(
                            () -> {
                                start.await();
                                int won = 0;
                                for (int i = 0; i < links; i++) {
                                    if (pending.end("default", "st-" + i, end)) {
                                        won++;
                                    }
                                }
                                return won;
                            }));
        }
        start.countDown();
        int won = 0;
        for (Future<Integer> future : futures) {
            won += future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        }

        assertThat(won).isEqualTo(links);
        assertThat(pending.size()).isZero();
        assertThat(reports.values())
                .allSatisfy(ends -> assertThat(ends).containsExactly(End.COMPLETED));
        assertThat(handles).hasSize(links);
    }
}
