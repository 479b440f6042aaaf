package it.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;

import it.support.Answers;
import it.support.Deployments;
import it.support.RecordedEvents;
import it.support.Stub;
import it.support.StubAdmin;
import one.aisa.xlink.XAccount;
import one.aisa.xlink.XAccountLinker;
import one.aisa.xlink.XLink;
import one.aisa.xlink.XLinkCompleted;
import one.aisa.xlink.XLinkExpired;
import one.aisa.xlink.XLinkRequest;
import one.aisa.xlink.XLinkRequested;
import one.aisa.xlink.XLinkResponseException;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static it.support.Answers.flat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The linker with {@code aisa.x.registry=jdbc} on a real Open Liberty, through a server-defined
 * dataSource: the behaviour of {@code LinkerIT} that concerns pending links, plus what the table
 * holds. Each subclass deploys it against one database.
 */
abstract class JdbcLinkerTests {

    static final String AES_KEY = "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=";

    /** Returns a test application on this data source and table. */
    static WebArchive app(String name, String dataSource, String table, Class<?>... classes) {
        return Deployments.app(
                        name,
                        Stub.config()
                                + "aisa.api-key=sk-aisa-TESTKEY-default-0001\n"
                                + "aisa.accounts.marketing.api-key=sk-aisa-TESTKEY-marketing-0002\n"
                                + "test.registry.datasource="
                                + dataSource
                                + "\ntest.registry.table="
                                + table
                                + "\n"
                                + registryConfig(dataSource, table),
                        classes)
                .addClass(JdbcLinkerTests.class);
    }

    static String registryConfig(String dataSource, String table) {
        return "aisa.x.registry=jdbc\n"
                + "aisa.x.registry.datasource="
                + dataSource
                + "\naisa.x.registry.encryption-key="
                + AES_KEY
                + "\naisa.x.registry.table="
                + table
                + "\naisa.x.registry.sweep-interval=PT0.5S\n"
                + "aisa.x.registry.claim-lease=PT5S\n";
    }

    @Inject XAccountLinker linker;

    @Inject
    @XAccount("marketing")
    XAccountLinker marketing;

    @Inject RecordedEvents events;

    StubAdmin stub;

    @BeforeEach
    void reset() throws Exception {
        stub = StubAdmin.fromConfig().reset();
        events.clear();
        // PostgreSQL keeps its tables between runs: start every test from an empty one.
        linker.pendingLinks(); // the registry creates the table with the first linker
        try (Connection connection = dataSource().getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table())) {
            delete.executeUpdate();
        }
    }

    @Test
    void linkIsRecordedByTheHashOfItsStateWithNothingReadable() throws Exception {
        String url = Answers.AUTH_URL + "st-jdbc-row-1&code_challenge=a%2Bb";
        stub.answerJson(
                "{\"auth_url\":\""
                        + url
                        + "\",\"state\":\"st-jdbc-row-1\",\"expires_at\":\"2030-01-01T00:00:00Z\"}");

        XLink link =
                linker.requestLink(
                        XLinkRequest.builder()
                                .subject("user-42")
                                .attribute("tenant", "acme")
                                .build());

        assertThat(linker.pending("st-jdbc-row-1")).contains(link);
        assertThat(linker.pendingLinks()).contains(link);
        assertThat(link.authUrl().toString()).isEqualTo(url);
        try (Connection connection = dataSource().getConnection();
                PreparedStatement select =
                        connection.prepareStatement(
                                "SELECT * FROM " + table() + " WHERE state_hash = ?")) {
            select.setString(1, sha256("st-jdbc-row-1"));
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).as("a row keyed by the state's SHA-256").isTrue();
                assertThat(row.getString("status")).isEqualTo("PENDING");
                assertThat(row.getString("account")).isEqualTo("default");
                for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                    assertThat(String.valueOf(row.getObject(i)))
                            .doesNotContain("st-jdbc-row-1")
                            .doesNotContain("twitter.com")
                            .doesNotContain("user-42")
                            .doesNotContain("acme");
                }
            }
        }
    }

    @Test
    void markLinkedFiresCompletedOnceAndEndsTracking() {
        stub.answerJson(flat("st-jdbc-done-1", "2030-01-01T00:00:00Z"));
        XLink link = linker.requestLink();

        assertThat(linker.markLinked("st-jdbc-done-1")).isTrue();
        assertThat(linker.markLinked("st-jdbc-done-1")).isFalse();
        assertThat(linker.cancel("st-jdbc-done-1")).isFalse();

        List<RecordedEvents.Seen> completed =
                events.await(s -> s.event() instanceof XLinkCompleted, 2, Duration.ofSeconds(10));
        assertThat(completed).hasSize(2).extracting(s -> s.event().link()).containsOnly(link);
        assertThat(linker.pending("st-jdbc-done-1")).isEmpty();
        assertThat(linker.pendingLinks()).doesNotContain(link);
        assertThat(events.matching(s -> !s.async()))
                .extracting(RecordedEvents.Seen::kind)
                .containsExactly("XLinkRequested", "XLinkCompleted");
    }

    @Test
    void shortLivedLinkExpiresExactlyOnceWithARequestContext() throws Exception {
        stub.answerJson(flat("st-jdbc-expire-1", Instant.now().plusMillis(600).toString()));

        XLink link = linker.requestLink();

        List<RecordedEvents.Seen> expired =
                events.await(s -> s.event() instanceof XLinkExpired, 2, Duration.ofSeconds(10));
        TimeUnit.MILLISECONDS.sleep(1200); // two more sweeps: none may fire it again
        expired = events.matching(s -> s.event() instanceof XLinkExpired);
        assertThat(expired).hasSize(2).extracting(s -> s.event().link()).containsOnly(link);
        assertThat(expired)
                .extracting(RecordedEvents.Seen::async)
                .containsExactlyInAnyOrder(false, true);
        assertThat(expired).allSatisfy(s -> assertThat(s.requestContextActive()).isTrue());
        assertThat(linker.pending("st-jdbc-expire-1")).isEmpty();
        assertThat(events.matching(s -> !s.async()))
                .extracting(RecordedEvents.Seen::kind)
                .containsExactly("XLinkRequested", "XLinkExpired");
        assertThat(rows("st-jdbc-expire-1")).as("the expired row is deleted").isZero();
    }

    @Test
    void linkAlreadyExpiredOnArrivalIsReturnedThenRequestedAndExpiredFireInOrder() {
        stub.answerJson(flat("st-jdbc-late-1", "2020-01-01T00:00:00Z"));

        XLink link = linker.requestLink();

        assertThat(link.state()).isEqualTo("st-jdbc-late-1");
        events.await(
                s -> s.event() instanceof XLinkExpired && !s.async(), 1, Duration.ofSeconds(10));
        assertThat(events.matching(s -> !s.async()))
                .extracting(RecordedEvents.Seen::kind)
                .containsExactly("XLinkRequested", "XLinkExpired");
    }

    @Test
    void markLinkedAndCancelPreventExpiry() throws Exception {
        stub.answerJson(flat("st-jdbc-keep-1", Instant.now().plusMillis(700).toString()));
        linker.requestLink();
        stub.reset().answerJson(flat("st-jdbc-keep-2", Instant.now().plusMillis(700).toString()));
        linker.requestLink();

        assertThat(linker.markLinked("st-jdbc-keep-1")).isTrue();
        assertThat(linker.cancel("st-jdbc-keep-2")).isTrue();

        TimeUnit.MILLISECONDS.sleep(1700);
        assertThat(events.matching(s -> s.event() instanceof XLinkExpired)).isEmpty();
        assertThat(events.matching(s -> s.event() instanceof XLinkCompleted))
                .extracting(RecordedEvents.Seen::state)
                .containsOnly("st-jdbc-keep-1");
        assertThat(rows("st-jdbc-keep-1") + rows("st-jdbc-keep-2")).isZero();
    }

    @Test
    void duplicateStateIsRefusedAndThePendingLinkKept() {
        stub.answerJson(flat("st-jdbc-dup-1", "2030-01-01T00:00:00Z"));
        XLink first = linker.requestLink();

        assertThatThrownBy(() -> marketing.requestLink())
                .isInstanceOf(XLinkResponseException.class)
                .hasMessageStartingWith("AISAX046")
                .hasMessageNotContaining("st-jdbc-dup-1");
        assertThat(linker.pending("st-jdbc-dup-1")).contains(first);
        assertThat(events.matching(s -> s.event() instanceof XLinkRequested && !s.async()))
                .hasSize(1);
    }

    @Test
    void anotherAccountNeitherSeesNorEndsTheLink() {
        stub.answerJson(flat("st-jdbc-marketing-1", "2030-01-01T00:00:00Z"));

        XLink link = marketing.requestLink();

        assertThat(marketing.pending("st-jdbc-marketing-1")).contains(link);
        assertThat(linker.pending("st-jdbc-marketing-1")).isEmpty();
        assertThat(linker.pendingLinks()).doesNotContain(link);
        assertThat(linker.markLinked("st-jdbc-marketing-1")).isFalse();
        assertThat(linker.cancel("st-jdbc-marketing-1")).isFalse();
        assertThat(marketing.cancel("st-jdbc-marketing-1")).isTrue();
    }

    static DataSource dataSource() throws Exception {
        return (DataSource) new InitialContext().lookup(setting("test.registry.datasource"));
    }

    static String table() {
        return setting("test.registry.table");
    }

    private static String setting(String key) {
        return ConfigProvider.getConfig().getValue(key, String.class);
    }

    static int rows(String state) throws Exception {
        try (Connection connection = dataSource().getConnection();
                PreparedStatement select =
                        connection.prepareStatement(
                                "SELECT COUNT(*) FROM " + table() + " WHERE state_hash = ?")) {
            select.setString(1, sha256(state));
            try (ResultSet count = select.executeQuery()) {
                count.next();
                return count.getInt(1);
            }
        }
    }

    static String sha256(String text) throws Exception {
        return HexFormat.of()
                .formatHex(
                        MessageDigest.getInstance("SHA-256")
                                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
