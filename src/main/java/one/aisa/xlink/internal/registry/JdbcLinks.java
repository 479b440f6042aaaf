package one.aisa.xlink.internal.registry;

import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

import one.aisa.xlink.XLink;
import one.aisa.xlink.XLinkException;
import one.aisa.xlink.XLinkResponseException;
import one.aisa.xlink.XLinkUnavailableException;

/**
 * Pending links in one database table that every server of a cluster shares, so links survive
 * restarts and {@code markLinked}, {@code cancel} and {@code pending} work on any server.
 *
 * <p><b>At rest.</b> A row is keyed by the SHA-256 of the state; the link itself, state and auth
 * URL included, is AES-256-GCM ciphertext bound to that key and the account ({@link Sealing}).
 *
 * <p><b>Expiry, once across servers.</b> A row is {@code PENDING} until it ends. Completing or
 * cancelling deletes it with {@code status = 'PENDING'} in the condition; expiring first
 * <em>claims</em> it ({@code status = 'EXPIRING'}, this server as {@code lease_owner}, {@code
 * lease_until} = now + lease) with a conditional update, fires the event only if that update
 * changed one row, then deletes the row. So at most one of completed and expired happens, and one
 * server fires the expiry. If that server dies after claiming and before deleting, another server
 * re-claims the row once its lease has passed and fires again: in that window, expiry is
 * at-least-once. A newly registered row is leased to the server that requested it until the lease
 * passes, so no other server expires it while it is being announced.
 *
 * <p><b>When.</b> The requesting server schedules each link's expiry on its one thread; every
 * server also sweeps the table every sweep interval (and once at start), expiring what is due and
 * scheduling what falls due before the next sweep. A link whose server died therefore expires
 * within a sweep interval after its lease passed, or after its expiry, whichever is later.
 *
 * <p><b>Failures.</b> A link that cannot be recorded fails {@code requestLink} with {@link
 * XLinkUnavailableException}; nothing is lost silently. Sweeps that fail are retried at the next
 * interval; the outage is logged once at WARNING and its end once at INFO.
 *
 * <p>Thread-safe. {@link #close()} stops the thread; nothing is reported after it.
 *
 * <p>Limitation: statements run on whatever connection the DataSource hands out, so with a
 * transactional DataSource the insert of {@code register} joins the caller's JTA transaction and a
 * rollback removes a link that was already announced; suspending the transaction would need JTA,
 * which the module does not otherwise require. The README asks for {@code transactional="false"}.
 */
public final class JdbcLinks implements LinkRegistry {

    private static final System.Logger LOG = System.getLogger(JdbcLinks.class.getName());

    /** Oracle's and Db2's (4 KiB pages) portable VARCHAR limit. */
    static final int MAX_SEALED_CHARS = 4000;

    private static final int QUERY_TIMEOUT_SECONDS = 30;
    private static final int BATCH = 500;
    private static final int MAX_BATCHES = 20;

    private static final int ANNOUNCED = 1;
    private static final int COMPLETED = 2;
    private static final int CANCELLED = 4;
    private static final int EXPIRED = 8;
    private static final int ENDED = COMPLETED | CANCELLED | EXPIRED;

    private final Listener listener;
    private final Clock clock;
    private final DataSource dataSource;
    private final Sealing sealing;
    private final Duration sweepInterval;
    private final Duration lease;

    private final String owner = UUID.randomUUID().toString();
    private final Sql sql;
    private final ScheduledThreadPoolExecutor scheduler;

    /** Links this server requested or scheduled, by row key. */
    private final Map<String, Entry> local = new ConcurrentHashMap<>();

    /** Rows whose expiry this server fired but could not delete yet. */
    private final Set<String> firedNotDeleted = ConcurrentHashMap.newKeySet();

    private volatile boolean tableReady;
    private volatile boolean closed;
    private boolean outage;

    /**
     * @param listener told about completed and expired links
     * @param clock the time links expire by; servers' clocks must agree
     * @param threads creates the one thread that sweeps and expires
     * @param dataSource the database
     * @param key the AES-256 key, the same on every server
     * @param table the table's name, a plain SQL identifier
     * @param sweepInterval how often to look for due links
     * @param lease how long a claim keeps other servers off a link
     */
    public JdbcLinks(
            Listener listener,
            Clock clock,
            ThreadFactory threads,
            DataSource dataSource,
            byte[] key,
            String table,
            Duration sweepInterval,
            Duration lease) {
        this.listener = listener;
        this.clock = clock;
        this.dataSource = dataSource;
        this.sealing = new Sealing(key);
        this.sweepInterval = sweepInterval;
        this.lease = lease;
        this.sql = new Sql(table);
        this.scheduler = new ScheduledThreadPoolExecutor(1, threads);
        this.scheduler.setRemoveOnCancelPolicy(true);
        this.scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.scheduler.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    }

    /** The statements, for one table. Identifiers cannot be parameters; the name was validated. */
    private record Sql(String table) {
        String create() {
            return "CREATE TABLE "
                    + table
                    + " (state_hash VARCHAR(64) NOT NULL, account VARCHAR(64) NOT NULL,"
                    + " status VARCHAR(16) NOT NULL, expires_at BIGINT NOT NULL,"
                    + " lease_owner VARCHAR(64), lease_until BIGINT NOT NULL,"
                    + " sealed VARCHAR("
                    + MAX_SEALED_CHARS
                    + ") NOT NULL, PRIMARY KEY (state_hash))";
        }

        String index() {
            return "CREATE INDEX " + table + "_due ON " + table + " (expires_at)";
        }

        String probe() {
            return "SELECT state_hash FROM " + table + " WHERE 1 = 0";
        }

        String insert() {
            return "INSERT INTO "
                    + table
                    + " (state_hash, account, status, expires_at, lease_owner, lease_until, sealed)"
                    + " VALUES (?, ?, 'PENDING', ?, ?, ?, ?)";
        }

        String findPending() {
            return "SELECT account, sealed FROM "
                    + table
                    + " WHERE state_hash = ? AND status = 'PENDING'";
        }

        String allPending() {
            return "SELECT state_hash, sealed FROM "
                    + table
                    + " WHERE account = ? AND status = 'PENDING'";
        }

        String deletePending() {
            return "DELETE FROM "
                    + table
                    + " WHERE state_hash = ? AND account = ? AND status = 'PENDING'";
        }

        /** Due rows not leased to another live server, and claims whose server seems dead. */
        String due() {
            return "SELECT state_hash, account, status, expires_at, sealed FROM "
                    + table
                    + " WHERE expires_at <= ? AND ((status = 'PENDING' AND (lease_owner = ? OR"
                    + " lease_until < ?)) OR (status = 'EXPIRING' AND lease_until < ?))"
                    + " ORDER BY expires_at";
        }

        String claim() {
            return "UPDATE "
                    + table
                    + " SET status = 'EXPIRING', lease_owner = ?, lease_until = ?"
                    + " WHERE state_hash = ? AND expires_at <= ? AND ((status = 'PENDING' AND"
                    + " (lease_owner = ? OR lease_until < ?)) OR (status = 'EXPIRING' AND"
                    + " lease_until < ?))";
        }

        String deleteClaimed() {
            return "DELETE FROM "
                    + table
                    + " WHERE state_hash = ? AND status = 'EXPIRING' AND lease_owner = ?";
        }
    }

    /** Creates the table if needed and starts sweeping: at once, then every sweep interval. */
    public void start() {
        try {
            ensureTable();
        } catch (SQLException e) {
            outage(e);
        }
        scheduler.scheduleWithFixedDelay(
                this::sweep, 0, sweepInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public Optional<Handle> register(XLink link) {
        if (closed) {
            throw new IllegalStateException("the application is stopping");
        }
        String hash = Sealing.hash(link.state());
        String sealed = sealing.seal(link, hash);
        if (sealed.length() > MAX_SEALED_CHARS) {
            throw new XLinkResponseException(
                    "AISAX094: the link is too large to record ("
                            + sealed.length()
                            + " characters sealed, at most "
                            + MAX_SEALED_CHARS
                            + "); shorten the subject and attributes. It was not tracked.",
                    0,
                    null,
                    null,
                    null,
                    null);
        }
        Entry entry = new Entry(hash, link.account());
        entry.link = link;
        try {
            ensureTable();
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement insert = prepare(connection, sql.insert())) {
                insert.setString(1, hash);
                insert.setString(2, link.account());
                insert.setLong(3, link.expiresAt().toEpochMilli());
                insert.setString(4, owner);
                insert.setLong(5, clock.millis() + lease.toMillis());
                insert.setString(6, sealed);
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            if (isDuplicate(e)) {
                return Optional.empty();
            }
            throw unavailable(
                    "AISAX090: the link could not be recorded in the pending-links database"
                            + " (SQLState "
                            + e.getSQLState()
                            + "); it is not tracked and no event was fired. Retry later.");
        }
        Entry previous = local.put(hash, entry);
        if (previous != null && previous.expiry != null) {
            previous.expiry.cancel(false);
        }
        return Optional.of(entry);
    }

    @Override
    public void announced(Handle handle) {
        Entry entry = (Entry) handle;
        int flags = entry.flags.getAndUpdate(f -> f | ANNOUNCED);
        if ((flags & ENDED) != 0) {
            report(entry, flags);
            return;
        }
        schedule(entry);
    }

    @Override
    public Optional<XLink> find(String account, String state) {
        String hash = Sealing.hash(state);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = prepare(connection, sql.findPending())) {
            select.setString(1, hash);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next() || !row.getString(1).equals(account)) {
                    return Optional.empty();
                }
                return Optional.of(open(row.getString(2), hash, account));
            }
        } catch (SQLException e) {
            throw unreachable(e);
        }
    }

    @Override
    public List<XLink> all(String account) {
        List<XLink> links = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = prepare(connection, sql.allPending())) {
            select.setString(1, account);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    links.add(open(rows.getString(2), rows.getString(1), account));
                }
            }
        } catch (SQLException e) {
            throw unreachable(e);
        }
        return List.copyOf(links);
    }

    @Override
    public boolean end(String account, String state, End end) {
        if (end == End.EXPIRED) {
            throw new IllegalArgumentException("links expire by their clock, not by a call");
        }
        String hash = Sealing.hash(state);
        XLink link;
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement select = prepare(connection, sql.findPending())) {
                select.setString(1, hash);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next() || !row.getString(1).equals(account)) {
                        return false;
                    }
                    // Opened before the delete, so a row this key cannot read is left alone.
                    link = open(row.getString(2), hash, account);
                }
            }
            try (PreparedStatement delete = prepare(connection, sql.deletePending())) {
                delete.setString(1, hash);
                delete.setString(2, account);
                if (delete.executeUpdate() != 1) {
                    return false;
                }
            }
        } catch (SQLException e) {
            throw unreachable(e);
        }
        int how = end == End.COMPLETED ? COMPLETED : CANCELLED;
        Entry entry = local.remove(hash);
        if (entry == null) {
            entry = new Entry(hash, account);
            entry.flags.set(ANNOUNCED);
        }
        if (entry.link == null) {
            entry.link = link; // a sweep scheduled it without opening it
        }
        int flags = entry.flags.getAndUpdate(f -> f | how);
        ScheduledFuture<?> expiry = entry.expiry;
        if (expiry != null) {
            expiry.cancel(false);
        }
        if ((flags & ANNOUNCED) != 0) {
            report(entry, flags | how);
        }
        return true;
    }

    @Override
    public void close() {
        closed = true;
        // No interrupt: an expiry that already fired still deletes its row, or it would fire again
        // elsewhere. Every task checks "closed" first, so the thread ends quickly.
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
                LOG.log(
                        System.Logger.Level.WARNING,
                        "AISAX060: the expiry thread did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        local.clear();
    }

    /** Schedules a link's expiry on this server's thread, at once if it is due. */
    private void schedule(Entry entry) {
        long delay = Math.max(0, entry.expiresAtMillis() - clock.millis());
        try {
            entry.expiry = scheduler.schedule(() -> expire(entry), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Closed meanwhile: the application is stopping and fires no more events.
            return;
        }
        if ((entry.flags.get() & ENDED) != 0) {
            entry.expiry.cancel(false);
        }
    }

    /** Runs on the scheduler thread: claims a due link and, if this server won it, fires. */
    private void expire(Entry entry) {
        if (closed || (entry.flags.get() & ENDED) != 0) {
            return;
        }
        try {
            if (!claim(entry.hash)) {
                // Ended or claimed elsewhere; a row leased to a live server is swept later.
                local.remove(entry.hash, entry);
                return;
            }
            recovered();
        } catch (SQLException e) {
            // The row stays PENDING: the sweep claims it when the database is back.
            outage(e);
            return;
        }
        local.remove(entry.hash, entry);
        XLink link = entry.link;
        if (link == null) {
            link =
                    entry.sealed == null
                            ? null
                            : openOrSkip(entry.sealed, entry.hash, entry.account);
            if (link == null) {
                return; // unreadable here: the claim's lease passes and a server that can read it
                // fires
            }
        }
        entry.link = link;
        int flags = entry.flags.getAndUpdate(f -> f | EXPIRED);
        if ((flags & ENDED) == 0 && !report(entry, flags | EXPIRED)) {
            // Stopping, so not fired: the row stays claimed, and once the lease has passed another
            // server (or this one, restarted) fires it. Deleting it here would lose the expiry.
            return;
        }
        deleteClaimed(entry.hash);
    }

    /** One pass over the table: finishes deletes, expires what is due, schedules what is near. */
    private void sweep() {
        if (closed) {
            return;
        }
        try {
            ensureTable();
            for (String hash : List.copyOf(firedNotDeleted)) {
                deleteClaimed(hash);
            }
            for (int batch = 0; batch < MAX_BATCHES && !closed; batch++) {
                if (sweepOnce() < BATCH) {
                    break;
                }
            }
            recovered();
        } catch (SQLException e) {
            outage(e);
        } catch (RuntimeException e) {
            // Keeps the periodic task alive: an exception would cancel it for good.
            LOG.log(
                    System.Logger.Level.WARNING,
                    "AISAX093: a sweep of pending links failed: " + e.getClass().getName());
        }
    }

    private int sweepOnce() throws SQLException {
        long now = clock.millis();
        long horizon = now + sweepInterval.toMillis();
        List<Entry> due = new ArrayList<>();
        int rows = 0;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = prepare(connection, sql.due())) {
            select.setMaxRows(BATCH);
            select.setLong(1, horizon);
            select.setString(2, owner);
            select.setLong(3, now);
            select.setLong(4, now);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    rows++;
                    Entry entry = new Entry(row.getString(1), row.getString(2));
                    entry.expiresAt = row.getLong(4);
                    entry.sealed = row.getString(5);
                    entry.flags.set(ANNOUNCED);
                    due.add(entry);
                }
            }
        }
        int handled = 0;
        for (Entry found : due) {
            if (closed) {
                break;
            }
            Entry known = local.get(found.hash);
            if (known != null) {
                if ((known.flags.get() & ANNOUNCED) == 0) {
                    continue; // still being announced here; its own schedule follows
                }
                if (known.expiry != null && !known.expiry.isDone()) {
                    continue; // already scheduled here
                }
            }
            if (found.expiresAt <= now) {
                Entry entry = known != null ? known : found;
                if (entry.sealed == null) {
                    entry.sealed = found.sealed;
                }
                local.put(entry.hash, entry);
                expire(entry);
                handled++;
            } else if (local.putIfAbsent(found.hash, found) == null) {
                schedule(found);
            }
        }
        // A full batch of rows this pass could not act on would repeat: stop the batches then.
        return handled == 0 ? 0 : rows;
    }

    private boolean claim(String hash) throws SQLException {
        long now = clock.millis();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = prepare(connection, sql.claim())) {
            update.setString(1, owner);
            update.setLong(2, now + lease.toMillis());
            update.setString(3, hash);
            update.setLong(4, now);
            update.setString(5, owner);
            update.setLong(6, now);
            update.setLong(7, now);
            return update.executeUpdate() == 1;
        }
    }

    private void deleteClaimed(String hash) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = prepare(connection, sql.deleteClaimed())) {
            delete.setString(1, hash);
            delete.setString(2, owner);
            delete.executeUpdate();
            firedNotDeleted.remove(hash);
        } catch (SQLException e) {
            // Retried by the next sweeps while this server lives; see the class comment otherwise.
            firedNotDeleted.add(hash);
            outage(e);
        }
    }

    private void ensureTable() throws SQLException {
        if (tableReady) {
            return;
        }
        synchronized (this) {
            if (tableReady) {
                return;
            }
            if (!tableExists()) {
                try (Connection connection = dataSource.getConnection();
                        Statement statement = connection.createStatement()) {
                    statement.executeUpdate(sql.create());
                } catch (SQLException e) {
                    // Another server may have created it meanwhile; only then is this fine.
                    if (!tableExists()) {
                        throw e;
                    }
                }
                try (Connection connection = dataSource.getConnection();
                        Statement statement = connection.createStatement()) {
                    statement.executeUpdate(sql.index());
                } catch (SQLException e) {
                    LOG.log(
                            System.Logger.Level.DEBUG,
                            () ->
                                    "creating the index of "
                                            + sql.table()
                                            + " failed (SQLState "
                                            + e.getSQLState()
                                            + "); another server may have created it");
                }
                LOG.log(
                        System.Logger.Level.INFO,
                        () -> "AISAX092: created the pending-links table " + sql.table());
            }
            tableReady = true;
        }
    }

    private boolean tableExists() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.executeQuery(sql.probe()).close();
            return true;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                throw e; // cannot connect: nothing is known about the table
            }
            return false;
        }
    }

    private XLink open(String sealed, String hash, String account) {
        try {
            return sealing.open(sealed, hash, account);
        } catch (GeneralSecurityException e) {
            throw new XLinkUnavailableException(
                    "AISAX095: a pending link in the database cannot be decrypted: is "
                            + "aisa.x.registry.encryption-key the same on every server?",
                    0,
                    null,
                    null,
                    null,
                    null);
        }
    }

    /** Opens a claimed row; one this key cannot read is logged and left for its lease to pass. */
    private XLink openOrSkip(String sealed, String hash, String account) {
        try {
            return sealing.open(sealed, hash, account);
        } catch (GeneralSecurityException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "AISAX095: a pending link in the database cannot be decrypted: is "
                            + "aisa.x.registry.encryption-key the same on every server?");
            return null;
        }
    }

    /** Tells the listener; returns false only if stopping kept it from being told. */
    private boolean report(Entry entry, int flags) {
        if (closed) {
            return false;
        }
        if ((flags & CANCELLED) != 0) {
            return true;
        }
        End end = (flags & COMPLETED) != 0 ? End.COMPLETED : End.EXPIRED;
        try {
            listener.ended(entry.link, end);
        } catch (RuntimeException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "AISAX061: reporting an ended link failed: " + e.getClass().getName());
        }
        return true;
    }

    private synchronized void outage(SQLException e) {
        if (!outage && !closed) {
            outage = true;
            LOG.log(
                    System.Logger.Level.WARNING,
                    () ->
                            "AISAX091: the pending-links database is unavailable (SQLState "
                                    + e.getSQLState()
                                    + ", "
                                    + e.getClass().getName()
                                    + "); expiry waits and is retried every "
                                    + sweepInterval);
        }
    }

    private synchronized void recovered() {
        if (outage) {
            outage = false;
            LOG.log(
                    System.Logger.Level.INFO,
                    "AISAX091: the pending-links database is available again; expiry resumes");
        }
    }

    /**
     * A statement that gives up after a while, so a hung database cannot hold the thread forever.
     */
    private static PreparedStatement prepare(Connection connection, String statement)
            throws SQLException {
        PreparedStatement prepared = connection.prepareStatement(statement);
        prepared.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
        return prepared;
    }

    private static boolean isDuplicate(SQLException e) {
        return e instanceof java.sql.SQLIntegrityConstraintViolationException
                || (e.getSQLState() != null && e.getSQLState().startsWith("23"));
    }

    private static XLinkException unreachable(SQLException e) {
        return unavailable(
                "AISAX096: the pending-links database could not be reached (SQLState "
                        + e.getSQLState()
                        + "). Retry later.");
    }

    private static XLinkException unavailable(String message) {
        return new XLinkUnavailableException(message, 0, null, null, null, null);
    }

    /** A link this server knows of: requested here, or found due by a sweep. */
    private static final class Entry implements Handle {
        final String hash;
        final String account;
        final AtomicInteger flags = new AtomicInteger();
        volatile XLink link;
        volatile String sealed;
        volatile long expiresAt = -1;
        volatile ScheduledFuture<?> expiry;

        Entry(String hash, String account) {
            this.hash = hash;
            this.account = account;
        }

        long expiresAtMillis() {
            return link != null ? link.expiresAt().toEpochMilli() : expiresAt;
        }
    }
}
