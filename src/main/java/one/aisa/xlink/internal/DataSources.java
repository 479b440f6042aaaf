package one.aisa.xlink.internal;

import java.util.List;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

import one.aisa.xlink.XLinkConfigException;
import one.aisa.xlink.internal.config.Configuration;
import one.aisa.xlink.internal.config.Keys;

/** Finds the registry's DataSource in JNDI. */
public final class DataSources {

    private DataSources() {}

    /**
     * Looks a DataSource up by its JNDI name, as the application's components see it.
     *
     * @throws XLinkConfigException naming the key if there is no DataSource under that name
     */
    public static DataSource lookup(String name) {
        Object found;
        try {
            found = new InitialContext().lookup(name);
        } catch (NamingException | RuntimeException e) {
            throw problem(name, "which JNDI does not know (" + e.getClass().getName() + ")");
        }
        if (!(found instanceof DataSource dataSource)) {
            throw problem(
                    name,
                    "which is a "
                            + (found == null ? "null" : found.getClass().getName())
                            + ", not a javax.sql.DataSource");
        }
        return dataSource;
    }

    private static XLinkConfigException problem(String name, String what) {
        return Configuration.failure(
                List.of(
                        Keys.REGISTRY_DATASOURCE
                                + " (env "
                                + Keys.environmentVariable(Keys.REGISTRY_DATASOURCE)
                                + ") names \""
                                + name
                                + "\", "
                                + what));
    }
}
