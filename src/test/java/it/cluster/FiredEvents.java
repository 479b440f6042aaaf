package it.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.ConfigProvider;

import one.aisa.xlink.XLinkCompleted;
import one.aisa.xlink.XLinkEvent;
import one.aisa.xlink.XLinkExpired;

/**
 * Records every completed and expired link this server fires, durably, in the table {@code
 * cluster_fired} of the shared database, so the test can count events across servers and crashes.
 */
@ApplicationScoped
public class FiredEvents {

    void fired(@Observes XLinkEvent event) throws NamingException, SQLException {
        String kind;
        if (event instanceof XLinkExpired) {
            kind = "EXPIRED";
        } else if (event instanceof XLinkCompleted) {
            kind = "COMPLETED";
        } else {
            return;
        }
        DataSource database = (DataSource) new InitialContext().lookup("jdbc/aisaXLinkPg");
        // The test stops the database: keep trying, so that an event fired just before is still
        // recorded. This holds up the expiry thread, which only delays later expiries.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            try {
                insert(database, event, kind);
                return;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(500);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static void insert(DataSource database, XLinkEvent event, String kind)
            throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement insert =
                        connection.prepareStatement(
                                "INSERT INTO cluster_fired (state_hash, kind, server, fired_at)"
                                        + " VALUES (?, ?, ?, ?)")) {
            insert.setString(1, sha256(event.link().state()));
            insert.setString(2, kind);
            insert.setString(3, ConfigProvider.getConfig().getValue("test.server", String.class));
            insert.setLong(4, System.currentTimeMillis());
            insert.executeUpdate();
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
