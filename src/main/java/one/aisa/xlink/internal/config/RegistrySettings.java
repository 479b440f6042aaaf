package one.aisa.xlink.internal.config;

import java.time.Duration;

/**
 * Where pending links are kept.
 *
 * @param kind in memory (the default) or in a database
 * @param dataSource the JNDI name of the database's {@code DataSource}; null for memory
 * @param encryptionKey the 256-bit AES key sealing links at rest; secret, never printed; null for
 *     memory
 * @param table the table's name
 * @param sweepInterval how often every server looks for links that are due
 * @param claimLease how long a server's claim on a link protects it from the other servers
 */
public record RegistrySettings(
        Kind kind,
        String dataSource,
        byte[] encryptionKey,
        String table,
        Duration sweepInterval,
        Duration claimLease) {

    /** The registry kinds, as spelled in {@link Keys#REGISTRY}. */
    public enum Kind {
        MEMORY,
        JDBC
    }

    /** Leaves the encryption key out. */
    @Override
    public String toString() {
        return "RegistrySettings[kind="
                + kind
                + ", dataSource="
                + dataSource
                + ", table="
                + table
                + ", sweepInterval="
                + sweepInterval
                + ", claimLease="
                + claimLease
                + "]";
    }
}
