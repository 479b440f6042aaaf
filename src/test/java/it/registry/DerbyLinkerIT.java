package it.registry;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/** The JDBC registry's linker tests against Derby embedded (in memory) in the test server. */
@ExtendWith(ArquillianExtension.class)
public class DerbyLinkerIT extends JdbcLinkerTests {

    @Deployment
    public static WebArchive app() {
        return app("derby-linker", "jdbc/aisaXLinkDerby", "links_derby_it", DerbyLinkerIT.class);
    }
}
