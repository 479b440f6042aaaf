package it.registry;

import it.support.PostgresRequired;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The JDBC registry's linker tests against the PostgreSQL that {@code .ci/postgres} starts; skipped
 * without it, except in CI.
 */
@ExtendWith({PostgresRequired.class, ArquillianExtension.class})
public class PostgresLinkerIT extends JdbcLinkerTests {

    @Deployment
    public static WebArchive app() {
        return app(
                        "postgres-linker",
                        "jdbc/aisaXLinkPg",
                        "links_postgres_it",
                        PostgresLinkerIT.class)
                .addClass(PostgresRequired.class);
    }
}
