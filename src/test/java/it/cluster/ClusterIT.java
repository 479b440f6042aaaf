package it.cluster;

import java.io.File;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import it.support.Deployments;
import it.support.PostgresRequired;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Open Liberty servers share one PostgreSQL through {@code aisa.x.registry=jdbc}: every link is
 * completed or expired exactly once across them, through a {@code kill -9} of one server in the
 * middle of the expiries, the other's stop and the first one's restart (except the links a server
 * had claimed and not finished when it went, which may expire twice, as the README says), and
 * through 30 s without the database. Each server records the events it fires in the table {@code
 * cluster_fired}; the test counts them there.
 *
 * <p>The servers are started by this test (not by Arquillian) under the names {@code
 * <liberty.server.name>-cluster-a} and {@code -b}, on the two HTTP ports after {@code
 * liberty.http.port}.
 */
@ExtendWith(PostgresRequired.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterIT {

    static final String TABLE = "cluster_links";
    static final Path WORK = Path.of("target", "cluster");

    /** Short, so that a dead server's links and an interrupted claim are taken over quickly. */
    static final long LEASE_MILLIS = 3_000;

    static final long SWEEP_MILLIS = 1_000;

    LibertyServer a;
    LibertyServer b;

    @BeforeAll
    void startTwoServers() throws Exception {
        try (Connection database = database();
                Statement statement = database.createStatement()) {
            statement.executeUpdate("DROP TABLE IF EXISTS " + TABLE);
            statement.executeUpdate("DROP TABLE IF EXISTS cluster_fired");
            statement.executeUpdate(
                    "CREATE TABLE cluster_fired (state_hash VARCHAR(64) NOT NULL, kind"
                            + " VARCHAR(16) NOT NULL, server VARCHAR(8) NOT NULL, fired_at BIGINT"
                            + " NOT NULL)");
        }
        Path war = war();
        Path wlp = Path.of(System.getProperty("liberty.wlp.home"));
        String base = System.getProperty("liberty.server.name", "test");
        int port = Integer.getInteger("liberty.http.port", 9080);
        a = server(wlp, base + "-cluster-a", port + 1, "a", war);
        b = server(wlp, base + "-cluster-b", port + 2, "b", war);
        a.start();
        b.start();
    }

    @AfterAll
    void stopServers() {
        if (a != null) {
            a.stop();
        }
        if (b != null) {
            b.stop();
        }
    }

    @Test
    void twoThousandLinksEndOnceAcrossTwoServersAndAKillInTheMiddle() throws Exception {
        long started = System.currentTimeMillis();
        long from = started + 20_000;
        long to = from + 30_000;
        Map<String, LibertyServer> requester = new HashMap<>();
        List<String> states = new ArrayList<>();
        // Batches of 50 alternate between the servers; two run at a time, one on each.
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                Future<String> onA = clients.submit(() -> ok(a.post(window(50, from, to), "")));
                Future<String> onB = clients.submit(() -> ok(b.post(window(50, from, to), "")));
                for (String state : lines(onA.get(2, TimeUnit.MINUTES))) {
                    requester.put(state, a);
                    states.add(state);
                }
                for (String state : lines(onB.get(2, TimeUnit.MINUTES))) {
                    requester.put(state, b);
                    states.add(state);
                }
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(states).hasSize(2000).doesNotHaveDuplicates();
        System.out.printf("2000 links requested in %d ms%n", System.currentTimeMillis() - started);

        // Half of each server's links are marked linked on the other server. A link that has
        // expired by then is not marked (markLinked answers false) and must expire instead.
        Set<String> linked = new HashSet<>();
        for (LibertyServer server : List.of(a, b)) {
            LibertyServer other = server == a ? b : a;
            List<String> toMark = new ArrayList<>();
            for (int i = 0; i < states.size(); i++) {
                if (i % 4 < 2 && requester.get(states.get(i)) == server) {
                    toMark.add(states.get(i));
                }
            }
            linked.addAll(lines(ok(other.post("/cluster/api/linked", String.join("\n", toMark)))));
        }
        System.out.printf(
                "%d marked linked after %d ms%n",
                linked.size(), System.currentTimeMillis() - started);
        assertThat(linked).isNotEmpty().isSubsetOf(states);

        // Killed a third into the expiry window, while both servers are expiring links; then b
        // stops, and a, restarted, must expire the rest.
        long middle = from + (to - from) / 3;
        if (middle > System.currentTimeMillis()) {
            TimeUnit.MILLISECONDS.sleep(middle - System.currentTimeMillis());
        }
        a.kill9();
        // Rows a server had claimed when it died are the documented at-least-once window: the
        // other server re-claims them after the lease. The lease outlasts this query.
        Set<String> mayRepeat = new HashSet<>(claimed(states));
        System.out.printf("killed a; %d rows were being expired%n", mayRepeat.size());
        // b stops too, so the restarted a alone must take the rest over, without any request.
        b.stop();
        mayRepeat.addAll(claimed(states));
        TimeUnit.SECONDS.sleep(2);
        a.start();
        long restarted = System.currentTimeMillis();

        Set<String> expiring = new HashSet<>(states);
        expiring.removeAll(linked);
        Map<String, List<String>> fired =
                awaitFired(states, expiring, to + 60_000 - System.currentTimeMillis());
        b.start();
        assertEndedOnce(fired, expiring, linked, mayRepeat);
        assertThat(rowsLeft()).as("rows left in " + TABLE).isZero();
        // Nothing used a linker on the restarted server: it expires links because it starts with
        // the application.
        assertThat(expiredBy("a", restarted)).as("links the restarted server expired").isPositive();
    }

    @Test
    void aThirtySecondDatabaseOutageFailsRequestsCleanlyAndLosesNoExpiry() throws Exception {
        long from = System.currentTimeMillis() + 6_000;
        long to = from + 4_000;
        List<String> states = new ArrayList<>();
        states.addAll(lines(ok(a.post(window(100, from, to), ""))));
        states.addAll(lines(ok(b.post(window(100, from, to), ""))));

        long stoppedAt = System.currentTimeMillis();
        postgres("stop");
        try {
            for (LibertyServer server : List.of(a, b)) {
                HttpResponse<String> refused = server.post(window(1, from, to), "");
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.body()).isEqualTo("XLinkUnavailableException AISAX090");
                HttpResponse<String> unreachable =
                        server.post("/cluster/api/linked", states.get(0));
                assertThat(unreachable.statusCode()).isEqualTo(503);
                assertThat(unreachable.body()).isEqualTo("XLinkUnavailableException AISAX096");
            }
            long rest = stoppedAt + 30_000 - System.currentTimeMillis();
            if (rest > 0) {
                TimeUnit.MILLISECONDS.sleep(rest);
            }
        } finally {
            postgres("start");
        }

        Map<String, List<String>> fired = awaitFired(states, Set.copyOf(states), 60_000);
        assertExactlyOnce(fired, Set.copyOf(states), Set.of());
        assertThat(ok(a.post(window(1, to, to), ""))).isNotBlank();
    }

    /**
     * Waits until every link in {@code expiring} has fired, then a little longer for duplicates.
     */
    private Map<String, List<String>> awaitFired(
            List<String> states, Set<String> expiring, long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + Math.max(timeoutMillis, 10_000);
        Map<String, List<String>> fired = fired(states);
        while (System.currentTimeMillis() < deadline && !firedAll(fired, expiring)) {
            TimeUnit.MILLISECONDS.sleep(500);
            fired = fired(states);
        }
        // A second firing would come from a re-claim after the lease: wait for that chance.
        TimeUnit.MILLISECONDS.sleep(LEASE_MILLIS + 2 * SWEEP_MILLIS);
        return fired(states);
    }

    private static boolean firedAll(Map<String, List<String>> fired, Set<String> expiring) {
        return expiring.stream()
                .allMatch(s -> fired.getOrDefault(s, List.of()).contains("EXPIRED"));
    }

    private static void assertExactlyOnce(
            Map<String, List<String>> fired, Set<String> expiring, Set<String> linked) {
        assertEndedOnce(fired, expiring, linked, Set.of());
    }

    /**
     * Every link in {@code expiring} fired one expiry and nothing else, every link in {@code
     * linked} one completion and nothing else; a link in {@code mayRepeat} may have fired its
     * expiry twice.
     */
    private static void assertEndedOnce(
            Map<String, List<String>> fired,
            Set<String> expiring,
            Set<String> linked,
            Set<String> mayRepeat) {
        List<String> wrong = new ArrayList<>();
        int repeated = 0;
        for (String state : expiring) {
            List<String> kinds = fired.getOrDefault(state, List.of());
            if (mayRepeat.contains(state) && kinds.equals(List.of("EXPIRED", "EXPIRED"))) {
                repeated++;
            } else if (!kinds.equals(List.of("EXPIRED"))) {
                wrong.add("expiring link fired " + kinds);
            }
        }
        for (String state : linked) {
            List<String> kinds = fired.getOrDefault(state, List.of());
            if (!kinds.equals(List.of("COMPLETED"))) {
                wrong.add("linked link fired " + kinds);
            }
        }
        System.out.printf("%d expiries repeated after the kill%n", repeated);
        Map<String, Long> summary = new HashMap<>();
        wrong.forEach(w -> summary.merge(w, 1L, Long::sum));
        assertThat(summary).as("links that did not end exactly once, by what fired").isEmpty();
    }

    /** The states among these whose rows are claimed for expiry right now. */
    private static Set<String> claimed(List<String> states) throws SQLException {
        Map<String, String> byHash = new HashMap<>();
        states.forEach(s -> byHash.put(FiredEvents.sha256(s), s));
        Set<String> claimed = new HashSet<>();
        try (Connection database = database();
                Statement statement = database.createStatement();
                ResultSet rows =
                        statement.executeQuery(
                                "SELECT state_hash FROM " + TABLE + " WHERE status = 'EXPIRING'")) {
            while (rows.next()) {
                String state = byHash.get(rows.getString(1));
                if (state != null) {
                    claimed.add(state);
                }
            }
        }
        return claimed;
    }

    /** The kinds fired for each of these states, by state. */
    private static Map<String, List<String>> fired(List<String> states) throws SQLException {
        Map<String, String> byHash = new HashMap<>();
        states.forEach(s -> byHash.put(FiredEvents.sha256(s), s));
        Map<String, List<String>> fired = new HashMap<>();
        try (Connection database = database();
                Statement statement = database.createStatement();
                ResultSet rows =
                        statement.executeQuery(
                                "SELECT state_hash, kind FROM cluster_fired ORDER BY fired_at")) {
            while (rows.next()) {
                String state = byHash.get(rows.getString(1));
                if (state != null) {
                    fired.computeIfAbsent(state, s -> new ArrayList<>()).add(rows.getString(2));
                }
            }
        }
        return fired;
    }

    private static int expiredBy(String server, long since) throws SQLException {
        try (Connection database = database();
                PreparedStatement count =
                        database.prepareStatement(
                                "SELECT COUNT(*) FROM cluster_fired WHERE kind = 'EXPIRED' AND"
                                        + " server = ? AND fired_at > ?")) {
            count.setString(1, server);
            count.setLong(2, since);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                System.out.printf("%d expiries by %s since its restart%n", row.getInt(1), server);
                return row.getInt(1);
            }
        }
    }

    private static int rowsLeft() throws SQLException {
        try (Connection database = database();
                PreparedStatement count =
                        database.prepareStatement("SELECT COUNT(*) FROM " + TABLE);
                ResultSet row = count.executeQuery()) {
            row.next();
            return row.getInt(1);
        }
    }

    private static String window(int count, long from, long to) {
        return "/cluster/api/links?count=" + count + "&from=" + from + "&to=" + to;
    }

    private static String ok(HttpResponse<String> response) {
        assertThat(response.statusCode())
                .as("HTTP status; body: " + response.body())
                .isEqualTo(200);
        return response.body();
    }

    private static List<String> lines(String body) {
        return body.isBlank() ? List.of() : List.of(body.split("\n"));
    }

    static Connection database() throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + PostgresRequired.port() + "/aisaxlink",
                "aisaxlink",
                "aisaxlink");
    }

    /** Runs {@code .ci/postgres start|stop}. */
    private static void postgres(String command) throws Exception {
        String control = System.getProperty("aisa.test.pg.control", ".ci/postgres");
        Process process =
                new ProcessBuilder(control, command)
                        .redirectErrorStream(true)
                        .redirectOutput(
                                ProcessBuilder.Redirect.appendTo(
                                        WORK.resolve("postgres-commands.log").toFile()))
                        .start();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as(control + " " + command).isTrue();
        assertThat(process.exitValue()).as(control + " " + command).isZero();
    }

    private static Path war() throws Exception {
        Files.createDirectories(WORK);
        WebArchive war =
                ShrinkWrap.create(WebArchive.class, "cluster.war")
                        .addAsLibrary(Deployments.library())
                        .addClasses(ClusterApp.class, ClusterResource.class, StubAisa.class)
                        .addClass(FiredEvents.class)
                        .addAsResource(
                                new StringAsset(
                                        "aisa.api-key=sk-aisa-TESTKEY-cluster-0001\n"
                                                + "aisa.retry.max-attempts=1\n"
                                                + "aisa.x.registry=jdbc\n"
                                                + "aisa.x.registry.datasource=jdbc/aisaXLinkPg\n"
                                                + "aisa.x.registry.encryption-key="
                                                + "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=\n"
                                                + "aisa.x.registry.table="
                                                + TABLE
                                                + "\naisa.x.registry.sweep-interval=PT"
                                                + SWEEP_MILLIS / 1000.0
                                                + "S\naisa.x.registry.claim-lease=PT"
                                                + LEASE_MILLIS / 1000.0
                                                + "S\n"),
                                "META-INF/microprofile-config.properties")
                        .addAsWebInfResource(
                                new StringAsset(
                                        "<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\""
                                                + " version=\"4.0\" bean-discovery-mode=\"all\"/>"),
                                "beans.xml");
        Path path = WORK.resolve("cluster.war").toAbsolutePath();
        war.as(ZipExporter.class).exportTo(path.toFile(), true);
        return path;
    }

    private static LibertyServer server(Path wlp, String name, int port, String id, Path war)
            throws Exception {
        LibertyServer server = new LibertyServer(wlp, name, port, WORK.toAbsolutePath());
        String drivers = new File(System.getProperty("aisa.jdbc.drivers")).getAbsolutePath();
        server.create(
                """
                <?xml version="1.0" encoding="UTF-8"?>
                <server description="aisa-x-link cluster test">
                    <featureManager>
                        <feature>cdi-4.0</feature>
                        <feature>restfulWS-3.1</feature>
                        <feature>jsonp-2.1</feature>
                        <feature>jsonb-3.0</feature>
                        <feature>mpConfig-3.1</feature>
                        <feature>mpRestClient-3.0</feature>
                        <feature>jdbc-4.3</feature>
                        <feature>jndi-1.0</feature>
                    </featureManager>
                    <httpEndpoint id="defaultHttpEndpoint" host="127.0.0.1" httpPort="%d" httpsPort="-1"/>
                    <applicationMonitor updateTrigger="disabled" dropinsEnabled="false"/>
                    <library id="drivers"><fileset dir="%s" includes="postgresql-*.jar"/></library>
                    <dataSource id="pg" jndiName="jdbc/aisaXLinkPg" transactional="false">
                        <jdbcDriver libraryRef="drivers"/>
                        <properties.postgresql serverName="127.0.0.1" portNumber="%d"
                            databaseName="aisaxlink" user="aisaxlink" password="aisaxlink"/>
                        <connectionManager maxPoolSize="20" connectionTimeout="5s"/>
                    </dataSource>
                    <webApplication location="%s" contextRoot="/cluster"/>
                </server>
                """
                        .formatted(port, drivers, PostgresRequired.port(), war),
                List.of(
                        "-Xmx384m",
                        "-Dtest.server=" + id,
                        "-Daisa.base-url=http://127.0.0.1:" + port + "/cluster/api/stub/apis/v1"));
        return server;
    }
}
