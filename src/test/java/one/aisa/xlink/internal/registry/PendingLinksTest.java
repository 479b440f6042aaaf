package one.aisa.xlink.internal.registry;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import one.aisa.xlink.XLink;
import one.aisa.xlink.XScope;
import one.aisa.xlink.internal.registry.LinkRegistry.End;
import one.aisa.xlink.internal.registry.LinkRegistry.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PendingLinksTest {

    /** Long enough for a report that is due to arrive, even on a slow machine. */
    private static final long DUE_MILLIS = 5_000;

    /** How long to watch for a report that must not come; expiries in these tests are shorter. */
    private static final long QUIET_MILLIS = 200;

    /** Short enough that a test waiting for an expiry waits little. */
    private static final Duration SHORT_EXPIRY = Duration.ofMillis(40);

    /** Leaves a test time to end a link before it expires, yet expires within QUIET_MILLIS. */
    private static final Duration ENDED_BEFORE_EXPIRY = Duration.ofMillis(100);

    private final Recorder recorder = new Recorder();
    private final Threads threads = new Threads();
    private final PendingLinks pending = new PendingLinks(recorder, Clock.systemUTC(), threads);

    @AfterEach
    void stop() {
        pending.close();
    }

    record Report(XLink link, End end) {}

    /** Records every report, in order. */
    static final class Recorder implements LinkRegistry.Listener {
        final BlockingQueue<Report> reports = new LinkedBlockingQueue<>();

        @Override
        public void ended(XLink link, End end) {
            reports.add(new Report(link, end));
        }

        Report next() throws InterruptedException {
            Report report = reports.poll(DUE_MILLIS, TimeUnit.MILLISECONDS);
            assertThat(report).as("a report within %d ms", DUE_MILLIS).isNotNull();
            return report;
        }

        void assertQuiet() throws InterruptedException {
            assertThat(reports.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS))
                    .as("no report within %d ms", QUIET_MILLIS)
                    .isNull();
        }
    }

    /** Names its threads like the module does, and remembers them. */
    static final class Threads implements ThreadFactory {
        final List<Thread> created = new CopyOnWriteArrayList<>();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "aisa-x-link-expiry");
            thread.setDaemon(true);
            created.add(thread);
            return thread;
        }
    }

    static XLink link(String account, String state, Instant expiresAt) {
        return new XLink(
                account,
                state,
                URI.create("https://twitter.com/i/oauth2/authorize?state=" + state),
                expiresAt,
                Set.of(XScope.TWEET_READ),
                Instant.now(),
                null,
                Map.of());
    }

    static XLink link(String state, Duration expiresIn) {
        return link("default", state, Instant.now().plus(expiresIn));
    }

    private Handle register(XLink link) {
        Optional<Handle> handle = pending.register(link);
        assertThat(handle).as("handle for a new state").isPresent();
        return handle.get();
    }

    @Test
    void registerRefusesAStateThatIsAlreadyPending() {
        register(link("st-1", Duration.ofHours(1)));

        assertThat(pending.register(link("st-1", Duration.ofHours(2)))).isEmpty();
        assertThat(pending.register(link("other", "st-1", Instant.now().plusSeconds(60))))
                .isEmpty();
        assertThat(pending.size()).isEqualTo(1);
    }

    @Test
    void stateOfAnEndedLinkMayBeRegisteredAgain() {
        Handle first = register(link("st-1", Duration.ofHours(1)));
        pending.announced(first);
        pending.end("default", "st-1", End.CANCELLED);

        assertThat(pending.register(link("st-1", Duration.ofHours(1)))).isPresent();
    }

    @Test
    void announcedLinkExpiresAndIsReportedExactlyOnce() throws InterruptedException {
        XLink link = link("st-1", SHORT_EXPIRY);
        pending.announced(register(link));

        Report report = recorder.next();

        assertThat(report).isEqualTo(new Report(link, End.EXPIRED));
        recorder.assertQuiet();
        assertThat(pending.find("default", "st-1")).isEmpty();
        assertThat(pending.size()).isZero();
        assertThat(pending.end("default", "st-1", End.COMPLETED)).isFalse();
    }

    @Test
    void linkIsNotReportedBeforeItExpires() throws InterruptedException {
        XLink link = link("st-1", Duration.ofMillis(QUIET_MILLIS * 3));
        pending.announced(register(link));

        assertThat(recorder.reports.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)).isNull();
        assertThat(pending.find("default", "st-1")).contains(link);
        assertThat(recorder.next().end()).isEqualTo(End.EXPIRED);
        assertThat(Instant.now()).isAfterOrEqualTo(link.expiresAt());
    }

    @Test
    void linkThatIsNeverAnnouncedNeverExpires() throws InterruptedException {
        register(link("st-1", Duration.ofMillis(-1)));

        recorder.assertQuiet();
        assertThat(pending.find("default", "st-1")).isPresent();
    }

    @Test
    void alreadyExpiredLinkIsReportedAtOnceAfterItIsAnnounced() throws InterruptedException {
        XLink link = link("st-1", Duration.ofMinutes(-5));
        Handle handle = register(link);

        pending.announced(handle);

        assertThat(recorder.next()).isEqualTo(new Report(link, End.EXPIRED));
        recorder.assertQuiet();
    }

    @Test
    void linkExpiringInTheFarFutureIsScheduledWithoutOverflow() throws InterruptedException {
        XLink link = link("default", "st-1", Instant.parse("9999-12-31T23:59:59Z"));
        pending.announced(register(link));

        recorder.assertQuiet();
        assertThat(pending.end("default", "st-1", End.COMPLETED)).isTrue();
        assertThat(recorder.next()).isEqualTo(new Report(link, End.COMPLETED));
    }

    @Test
    void completedAnnouncedLinkIsReportedAtOnceAndNeverExpires() throws InterruptedException {
        XLink link = link("st-1", ENDED_BEFORE_EXPIRY);
        pending.announced(register(link));

        assertThat(pending.end("default", "st-1", End.COMPLETED)).isTrue();

        assertThat(recorder.reports.poll()).isEqualTo(new Report(link, End.COMPLETED));
        recorder.assertQuiet();
    }

    @Test
    void completionBeforeTheAnnouncementIsReportedOnlyAfterIt() throws InterruptedException {
        XLink link = link("st-1", SHORT_EXPIRY);
        Handle handle = register(link);

        assertThat(pending.end("default", "st-1", End.COMPLETED)).isTrue();
        assertThat(pending.find("default", "st-1")).isEmpty();
        recorder.assertQuiet();

        pending.announced(handle);

        assertThat(recorder.reports.poll()).isEqualTo(new Report(link, End.COMPLETED));
        recorder.assertQuiet();
    }

    @Test
    void cancelledLinkIsNotReportedAndDoesNotExpire() throws InterruptedException {
        pending.announced(register(link("st-1", ENDED_BEFORE_EXPIRY)));

        assertThat(pending.end("default", "st-1", End.CANCELLED)).isTrue();

        recorder.assertQuiet();
        assertThat(pending.find("default", "st-1")).isEmpty();
        assertThat(pending.size()).isZero();
    }

    @Test
    void cancellationBeforeTheAnnouncementIsNotReportedAfterIt() throws InterruptedException {
        Handle handle = register(link("st-1", SHORT_EXPIRY));
        assertThat(pending.end("default", "st-1", End.CANCELLED)).isTrue();

        pending.announced(handle);

        recorder.assertQuiet();
    }

    @Test
    void endingAnotherAccountsLinkFailsAndLeavesItPending() throws InterruptedException {
        XLink link = link("marketing", "st-1", Instant.now().plusSeconds(60));
        pending.announced(register(link));

        assertThat(pending.end("default", "st-1", End.COMPLETED)).isFalse();
        assertThat(pending.end("sales", "st-1", End.CANCELLED)).isFalse();

        assertThat(pending.find("default", "st-1")).isEmpty();
        assertThat(pending.find("marketing", "st-1")).contains(link);
        recorder.assertQuiet();
    }

    @Test
    void endingAnUnknownStateFails() {
        assertThat(pending.end("default", "no-such-state", End.COMPLETED)).isFalse();
    }

    @Test
    void secondEndFailsAndIsNotReported() throws InterruptedException {
        XLink link = link("st-1", Duration.ofMinutes(1));
        pending.announced(register(link));

        assertThat(pending.end("default", "st-1", End.COMPLETED)).isTrue();
        assertThat(pending.end("default", "st-1", End.COMPLETED)).isFalse();
        assertThat(pending.end("default", "st-1", End.CANCELLED)).isFalse();

        assertThat(recorder.next()).isEqualTo(new Report(link, End.COMPLETED));
        recorder.assertQuiet();
    }

    @Test
    void secondEndBeforeTheAnnouncementFailsAndOnlyTheFirstIsReported()
            throws InterruptedException {
        XLink link = link("st-1", Duration.ofMinutes(1));
        Handle handle = register(link);

        assertThat(pending.end("default", "st-1", End.COMPLETED)).isTrue();
        assertThat(pending.end("default", "st-1", End.CANCELLED)).isFalse();
        pending.announced(handle);

        assertThat(recorder.next()).isEqualTo(new Report(link, End.COMPLETED));
        recorder.assertQuiet();
    }

    @Test
    void findAndAllSeeOnlyTheAccountsPendingLinks() {
        XLink a = link("default", "st-a", Instant.now().plusSeconds(60));
        XLink b = link("default", "st-b", Instant.now().plusSeconds(60));
        XLink m = link("marketing", "st-m", Instant.now().plusSeconds(60));
        pending.announced(register(a));
        pending.announced(register(b));
        pending.announced(register(m));
        pending.end("default", "st-b", End.CANCELLED);

        assertThat(pending.all("default")).containsExactly(a);
        assertThat(pending.all("marketing")).containsExactly(m);
        assertThat(pending.all("sales")).isEmpty();
        assertThat(pending.find("default", "st-a")).contains(a);
        assertThat(pending.find("default", "st-b")).isEmpty();
        assertThat(pending.size()).isEqualTo(2);
    }

    @Test
    void listenerFailureDoesNotStopLaterExpiries() throws InterruptedException {
        BlockingQueue<Report> reports = new LinkedBlockingQueue<>();
        try (PendingLinks failing =
                new PendingLinks(
                        (link, end) -> {
                            reports.add(new Report(link, end));
                            throw new IllegalStateException("observer broke on " + link.state());
                        },
                        Clock.systemUTC(),
                        threads)) {
            failing.announced(failing.register(link("st-1", SHORT_EXPIRY)).orElseThrow());
            failing.announced(
                    failing.register(link("st-2", SHORT_EXPIRY.multipliedBy(2))).orElseThrow());

            assertThat(reports.poll(DUE_MILLIS, TimeUnit.MILLISECONDS)).isNotNull();
            assertThat(reports.poll(DUE_MILLIS, TimeUnit.MILLISECONDS)).isNotNull();
        }
    }

    @Test
    void closeStopsExpiryAndTheSchedulerThread() throws InterruptedException {
        pending.announced(register(link("st-1", Duration.ofMinutes(-1))));
        recorder.next();
        pending.announced(register(link("st-2", SHORT_EXPIRY)));
        assertThat(threads.created).hasSize(1);
        Thread scheduler = threads.created.get(0);
        assertThat(scheduler.isAlive()).isTrue();

        pending.close();
        // close() waits for the scheduler, so whatever it reported is in the queue by now.
        recorder.reports.clear();

        recorder.assertQuiet();
        scheduler.join(DUE_MILLIS);
        assertThat(scheduler.isAlive()).isFalse();
        assertThat(pending.size()).isZero();
        assertThat(pending.find("default", "st-1")).isEmpty();
    }

    @Test
    void noThreadNamedForExpiryOutlivesClose() throws InterruptedException {
        pending.announced(register(link("st-1", Duration.ofMinutes(1))));

        pending.close();
        for (Thread thread : threads.created) {
            thread.join(DUE_MILLIS);
        }

        assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(thread -> threads.created.contains(thread))
                .isEmpty();
    }

    @Test
    void registerAfterCloseThrows() {
        pending.close();

        assertThatIllegalStateException()
                .isThrownBy(() -> pending.register(link("st-1", Duration.ofMinutes(1))))
                .withMessage("the application is stopping");
    }

    @Test
    void endAfterCloseReportsNothing() throws InterruptedException {
        pending.announced(register(link("st-1", Duration.ofMinutes(1))));

        pending.close();

        assertThat(pending.end("default", "st-1", End.COMPLETED)).isFalse();
        recorder.assertQuiet();
    }

    @Test
    void announcingAfterCloseReportsNothingAndForgetsTheLink() throws InterruptedException {
        Handle handle = register(link("st-1", Duration.ofMinutes(-1)));
        Handle completed = register(link("st-2", Duration.ofMinutes(1)));
        pending.end("default", "st-2", End.COMPLETED);

        pending.close();
        pending.announced(handle);
        pending.announced(completed);

        recorder.assertQuiet();
        assertThat(pending.size()).isZero();
    }

    @Test
    void closeIsIdempotent() {
        pending.close();
        pending.close();

        assertThat(pending.size()).isZero();
    }
}
