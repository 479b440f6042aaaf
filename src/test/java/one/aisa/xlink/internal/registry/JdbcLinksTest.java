package one.aisa.xlink.internal.registry;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;

import one.aisa.xlink.XLink;
import one.aisa.xlink.XLinkResponseException;
import one.aisa.xlink.XLinkUnavailableException;
import one.aisa.xlink.internal.registry.LinkRegistry.End;
import one.aisa.xlink.internal.registry.LinkRegistry.Handle;
import one.aisa.xlink.internal.registry.PendingLinksTest.Recorder;
import one.aisa.xlink.internal.registry.PendingLinksTest.Report;
import one.aisa.xlink.internal.registry.PendingLinksTest.Threads;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static one.aisa.xlink.internal.registry.PendingLinksTest.link;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JDBC registry on an in-memory Derby database. Two registries on one database stand for two
 * servers of a cluster.
 */
class JdbcLinksTest {

    static final byte[] KEY =
            Base64.getDecoder().decode("q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=");
    static final Duration SWEEP = Duration.ofMillis(200);
    static final Duration LEASE = Duration.ofSeconds(1);

    final Switchable database = new Switchable(derby());
    final List<JdbcLinks> started = new ArrayList<>();
    final Recorder recorder = new Recorder();
    final Threads threads = new Threads();

    @AfterEach
    void stop() {
        started.forEach(JdbcLinks::close);
    }

    static EmbeddedDataSource derby() {
        EmbeddedDataSource derby = new EmbeddedDataSource();
        derby.setDatabaseName("memory:links-" + UUID.randomUUID());
        derby.setCreateDatabase("create");
        return derby;
    }

    JdbcLinks server(Recorder listener) {
        return server(listener, KEY);
    }

    JdbcLinks server(Recorder listener, byte[] key) {
        return server(listener, key, SWEEP);
    }

    JdbcLinks server(Recorder listener, byte[] key, Duration sweep) {
        JdbcLinks links =
                new JdbcLinks(
                        listener,
                        Clock.systemUTC(),
                        threads,
                        database,
                        key,
                        "aisa_x_link",
                        sweep,
                        LEASE);
        links.start();
        started.add(links);
        return links;
    }

    static Handle register(LinkRegistry links, XLink link) {
        return links.register(link).orElseThrow(() -> new AssertionError("refused " + link));
    }

    @Test
    void registeredLinkIsFoundListedAndCompletedOnceFromAnotherServer() throws Exception {
        JdbcLinks a = server(recorder);
        Recorder otherRecorder = new Recorder();
        JdbcLinks b = server(otherRecorder);
        XLink link = link("st-1", Duration.ofHours(1));
        a.announced(register(a, link));

        assertThat(b.find("default", "st-1")).contains(link);
        assertThat(b.find("other", "st-1")).isEmpty();
        assertThat(b.all("default")).containsExactly(link);
        assertThat(b.end("other", "st-1", End.COMPLETED)).isFalse();
        assertThat(b.end("default", "st-1", End.COMPLETED)).isTrue();
        assertThat(a.end("default", "st-1", End.COMPLETED)).isFalse();

        assertThat(otherRecorder.next()).isEqualTo(new Report(link, End.COMPLETED));
        assertThat(a.find("default", "st-1")).isEmpty();
        recorder.assertQuiet();
    }

    @Test
    void linkAnotherServerScheduledIsCompletedWithTheWholeLink() throws Exception {
        JdbcLinks a = server(recorder);
        XLink link = link("st-scheduled", Duration.ofSeconds(3));
        a.announced(register(a, link));
        Recorder otherRecorder = new Recorder();
        // Its first sweep, at once, schedules the link: it falls due before the next one.
        JdbcLinks b = server(otherRecorder, KEY, Duration.ofSeconds(5));
        TimeUnit.MILLISECONDS.sleep(500);

        assertThat(b.end("default", "st-scheduled", End.COMPLETED)).isTrue();

        assertThat(otherRecorder.next()).isEqualTo(new Report(link, End.COMPLETED));
        TimeUnit.MILLISECONDS.sleep(3000);
        recorder.assertQuiet();
        otherRecorder.assertQuiet();
    }

    @Test
    void duplicateStateIsRefusedOnAnyServer() {
        JdbcLinks a = server(recorder);
        JdbcLinks b = server(new Recorder());
        register(a, link("st-dup", Duration.ofHours(1)));

        assertThat(a.register(link("st-dup", Duration.ofHours(2)))).isEmpty();
        assertThat(b.register(link("other", "st-dup", Instant.now().plusSeconds(60)))).isEmpty();
    }

    @Test
    void cancelEndsWithoutReportAndPreventsExpiry() throws Exception {
        JdbcLinks a = server(recorder);
        a.announced(register(a, link("st-c", Duration.ofMillis(300))));

        assertThat(a.end("default", "st-c", End.CANCELLED)).isTrue();

        TimeUnit.MILLISECONDS.sleep(800);
        recorder.assertQuiet();
    }

    @Test
    void expiryFiresOnceAfterTheRequestedAnnouncement() throws Exception {
        JdbcLinks a = server(recorder);
        server(recorder);
        XLink link = link("st-e", Duration.ofMillis(200));
        Handle handle = register(a, link);
        TimeUnit.MILLISECONDS.sleep(400); // due before it is announced: nobody may fire yet
        recorder.assertQuiet();

        a.announced(handle);

        assertThat(recorder.next()).isEqualTo(new Report(link, End.EXPIRED));
        TimeUnit.MILLISECONDS.sleep(LEASE.toMillis() + 2 * SWEEP.toMillis());
        recorder.assertQuiet();
        assertThat(rows()).isZero();
    }

    @Test
    void completionDuringTheAnnouncementIsReportedAfterIt() throws Exception {
        JdbcLinks a = server(recorder);
        XLink link = link("st-race", Duration.ofHours(1));
        Handle handle = register(a, link);

        assertThat(a.end("default", "st-race", End.COMPLETED)).isTrue();
        recorder.assertQuiet();
        a.announced(handle);

        assertThat(recorder.next()).isEqualTo(new Report(link, End.COMPLETED));
    }

    @Test
    void manyLinksOnTwoServersExpireExactlyOnceAcrossThem() throws Exception {
        JdbcLinks a = server(recorder);
        JdbcLinks b = server(recorder);
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            JdbcLinks requester = i % 2 == 0 ? a : b;
            XLink link = link("st-many-" + i, Duration.ofMillis(1500 + i));
            requester.announced(register(requester, link));
            if (i % 4 == 1) {
                assertThat((i % 8 == 1 ? a : b).end("default", link.state(), End.COMPLETED))
                        .isTrue();
            } else {
                expected.add(link.state());
            }
        }

        List<String> expired = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (expired.size() < expected.size() && System.nanoTime() < deadline) {
            Report report = recorder.reports.poll(100, TimeUnit.MILLISECONDS);
            if (report != null && report.end() == End.EXPIRED) {
                expired.add(report.link().state());
            }
        }
        TimeUnit.MILLISECONDS.sleep(LEASE.toMillis() + 2 * SWEEP.toMillis());
        recorder.reports.forEach(
                r -> {
                    if (r.end() == End.EXPIRED) {
                        expired.add(r.link().state());
                    }
                });

        assertThat(expired).hasSize(expected.size()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(rows()).isZero();
    }

    @Test
    void aServerThatStartsLaterExpiresWhatAStoppedServerLeft() throws Exception {
        JdbcLinks a = server(recorder);
        XLink link = link("st-left", Duration.ofMillis(200));
        a.announced(register(a, link));
        a.close();

        TimeUnit.MILLISECONDS.sleep(300);
        recorder.assertQuiet();
        Recorder later = new Recorder();
        server(later);

        // The stopped server's lease on the new row must pass first.
        assertThat(later.next()).isEqualTo(new Report(link, End.EXPIRED));
    }

    @Test
    void aClaimWhoseServerDiedIsTakenOverAfterItsLease() throws Exception {
        JdbcLinks a = server(recorder);
        XLink link = link("st-crash", Duration.ofHours(1));
        register(a, link);
        a.close();
        try (Connection c = database.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate(
                    "UPDATE aisa_x_link SET status = 'EXPIRING', expires_at = 0, lease_owner ="
                            + " 'dead', lease_until = "
                            + (System.currentTimeMillis() + 500));
        }

        Recorder survivor = new Recorder();
        server(survivor);

        assertThat(survivor.next()).isEqualTo(new Report(link, End.EXPIRED));
    }

    @Test
    void rowsHoldNeitherTheStateNorTheUrl() throws Exception {
        JdbcLinks a = server(recorder);
        XLink link = link("st-secret-4711", Duration.ofHours(1));
        register(a, link);

        try (Connection c = database.getConnection();
                Statement s = c.createStatement();
                ResultSet row = s.executeQuery("SELECT * FROM aisa_x_link")) {
            assertThat(row.next()).isTrue();
            for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                assertThat(String.valueOf(row.getObject(i)))
                        .doesNotContain("st-secret-4711")
                        .doesNotContain("twitter.com");
            }
            assertThat(row.getString("state_hash")).isEqualTo(Sealing.hash("st-secret-4711"));
        }
    }

    @Test
    void aServerWithAnotherKeyCannotReadLinks() {
        JdbcLinks a = server(recorder);
        register(a, link("st-key", Duration.ofHours(1)));
        byte[] other = KEY.clone();
        other[0] ^= 1;
        JdbcLinks b = server(new Recorder(), other);

        assertThatThrownBy(() -> b.find("default", "st-key"))
                .isInstanceOf(XLinkUnavailableException.class)
                .hasMessageStartingWith("AISAX095")
                .hasMessageNotContaining("st-key");
        assertThat(a.find("default", "st-key")).isPresent();
    }

    @Test
    void databaseOutageFailsRequestsCleanlyAndExpiryResumesAfterIt() throws Exception {
        JdbcLinks a = server(recorder);
        XLink link = link("st-outage", Duration.ofMillis(300));
        a.announced(register(a, link));
        database.down = true;

        assertThatThrownBy(() -> a.register(link("st-during", Duration.ofHours(1))))
                .isInstanceOf(XLinkUnavailableException.class)
                .hasMessageStartingWith("AISAX090")
                .hasMessageNotContaining("st-during");
        assertThatThrownBy(() -> a.find("default", "st-outage"))
                .isInstanceOf(XLinkUnavailableException.class);
        TimeUnit.MILLISECONDS.sleep(700);
        recorder.assertQuiet();

        database.down = false;

        assertThat(recorder.next()).isEqualTo(new Report(link, End.EXPIRED));
        assertThat(a.find("default", "st-during")).isEmpty();
    }

    @Test
    void tooLargeLinkIsRefusedWithoutBeingRecorded() {
        JdbcLinks a = server(recorder);
        XLink large =
                new XLink(
                        "default",
                        "st-large",
                        link("st-large", Duration.ofHours(1)).authUrl(),
                        Instant.now().plusSeconds(60),
                        Set.of(one.aisa.xlink.XScope.TWEET_READ),
                        Instant.now(),
                        null,
                        Map.of("big", "x".repeat(5000)));

        assertThatThrownBy(() -> a.register(large))
                .isInstanceOf(XLinkResponseException.class)
                .hasMessageStartingWith("AISAX094");
    }

    @Test
    void closeStopsTheThreadAndReportsNothingAfter() throws Exception {
        JdbcLinks a = server(recorder);
        a.announced(register(a, link("st-closed", Duration.ofMillis(200))));

        a.close();

        TimeUnit.MILLISECONDS.sleep(500);
        recorder.assertQuiet();
        for (Thread thread : threads.created) {
            thread.join(2000);
            assertThat(thread.isAlive()).as(thread.getName()).isFalse();
        }
        assertThatThrownBy(() -> a.register(link("st-after", Duration.ofHours(1))))
                .isInstanceOf(IllegalStateException.class);
    }

    private int rows() throws SQLException {
        try (Connection c = database.getConnection();
                Statement s = c.createStatement();
                ResultSet count = s.executeQuery("SELECT COUNT(*) FROM aisa_x_link")) {
            count.next();
            return count.getInt(1);
        }
    }

    /** A DataSource that can be switched off, refusing connections like a stopped server. */
    static final class Switchable implements DataSource {
        final DataSource target;
        volatile boolean down;

        Switchable(DataSource target) {
            this.target = target;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (down) {
                throw new SQLNonTransientConnectionException("refused", "08001");
            }
            return target.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {}

        @Override
        public void setLoginTimeout(int seconds) {}

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
