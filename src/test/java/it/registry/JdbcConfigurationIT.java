package it.registry;

import java.time.Duration;

import it.config.NeedsLinkers;
import it.support.Deployments;
import it.support.ServerLog;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A JDBC registry whose DataSource does not exist, or whose key is malformed, fails the deployment
 * of an application that injects a linker, with every problem in one AISAX001 message and the key
 * never shown.
 */
@ExtendWith(ArquillianExtension.class)
public class JdbcConfigurationIT {

    static final String WRONG_KEY = "d3Jvbmcta2V5LW9mLWEtZmV3LWJ5dGVz";

    @Deployment(name = "no-datasource", managed = false)
    public static WebArchive noDataSource() {
        return Deployments.app(
                "no-datasource",
                "aisa.api-key=sk-aisa-TESTKEY-1\naisa.accounts.ops.api-key=sk-aisa-TESTKEY-2\n"
                        + "aisa.x.registry=jdbc\n"
                        + "aisa.x.registry.datasource=jdbc/doesNotExist\n"
                        + "aisa.x.registry.encryption-key="
                        + JdbcLinkerTests.AES_KEY
                        + "\n",
                NeedsLinkers.class);
    }

    @Deployment(name = "bad-registry", managed = false)
    public static WebArchive badRegistry() {
        return Deployments.app(
                "bad-registry",
                "aisa.api-key=sk-aisa-TESTKEY-1\naisa.accounts.ops.api-key=sk-aisa-TESTKEY-2\n"
                        + "aisa.x.registry=jdbc\n"
                        + "aisa.x.registry.encryption-key="
                        + WRONG_KEY
                        + "\naisa.x.registry.claim-lease=PT0.5S\n",
                NeedsLinkers.class);
    }

    @Deployment(name = "placeholder")
    public static WebArchive placeholder() {
        return Deployments.app("jdbc-placeholder", "", JdbcConfigurationIT.class);
    }

    @ArquillianResource Deployer deployer;

    @Test
    @RunAsClient
    @OperateOnDeployment("placeholder")
    void unknownDataSourceFailsTheDeploymentNamingTheKey() throws Exception {
        String message = failedDeployment("no-datasource");

        assertThat(message)
                .contains("AISAX001: aisa-x-link is not configured correctly (1 problem)")
                .contains(
                        "aisa.x.registry.datasource (env AISA_X_REGISTRY_DATASOURCE) names"
                                + " \"jdbc/doesNotExist\", which JNDI does not know")
                .doesNotContain(JdbcLinkerTests.AES_KEY);
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("placeholder")
    void malformedRegistrySettingsAreAllListedWithoutTheKey() throws Exception {
        String message = failedDeployment("bad-registry");

        assertThat(message)
                .contains("AISAX001: aisa-x-link is not configured correctly (3 problems)")
                .contains("aisa.x.registry.datasource (env AISA_X_REGISTRY_DATASOURCE) is missing")
                .contains(
                        "aisa.x.registry.encryption-key (env AISA_X_REGISTRY_ENCRYPTION_KEY) must"
                                + " decode to 32 bytes")
                .contains(
                        "aisa.x.registry.claim-lease (env AISA_X_REGISTRY_CLAIM_LEASE) must be at"
                                + " least PT1S")
                .doesNotContain(WRONG_KEY);
    }

    private String failedDeployment(String name) throws Exception {
        ServerLog log = ServerLog.fromSystemProperties();
        long offset = log.size();
        try {
            assertThatThrownBy(() -> deployer.deploy(name)).isInstanceOf(Exception.class);
            return log.awaitLine(
                    offset,
                    "CWWKZ0002E: An exception occurred while starting the application " + name,
                    Duration.ofSeconds(60));
        } finally {
            try {
                deployer.undeploy(name);
            } catch (RuntimeException ignored) {
                // Nothing to undeploy when the deployment never started.
            }
        }
    }
}
