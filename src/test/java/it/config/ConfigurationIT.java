package it.config;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.inject.spi.CDI;

import it.support.Deployments;
import it.support.ServerLog;
import one.aisa.xlink.XAccount;
import one.aisa.xlink.XAccountLinker;
import one.aisa.xlink.XLinkConfigException;
import one.aisa.xlink.XLinkRequest;
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
 * Configuration is checked at deployment for every injected account, and all problems are listed in
 * one message; an application that only contains the jar deploys whatever its configuration; a
 * linker looked up programmatically reports bad configuration on first use, and starts no thread.
 */
@ExtendWith(ArquillianExtension.class)
public class ConfigurationIT {

    @Deployment(name = "misconfigured", managed = false)
    public static WebArchive misconfigured() {
        return Deployments.app(
                "misconfigured",
                "aisa.base-url=http://aisa.invalid/apis/v1\n"
                        + "aisa.x.link-lifetime=ten minutes\n"
                        + "aisa.api-key=   \n"
                        + "aisa.accounts.ops.default-scopes=tweet.read,Tweet Write\n",
                NeedsLinkers.class);
    }

    @Deployment(name = "jar-only")
    public static WebArchive jarOnly() {
        return Deployments.app(
                "jar-only",
                "aisa.accounts.sales.default-scopes=tweet.read,not a scope\n"
                        // A malformed account name matters only to applications that inject a
                        // linker.
                        + "aisa.accounts.Bad_Name.default-scopes=tweet.read\n",
                ConfigurationIT.class);
    }

    @ArquillianResource Deployer deployer;

    @Test
    @RunAsClient
    @OperateOnDeployment("jar-only")
    void injectedLinkerWithBadConfigurationFailsDeploymentListingEveryProblem() throws Exception {
        ServerLog log = ServerLog.fromSystemProperties();
        long offset = log.size();

        try {
            assertThatThrownBy(() -> deployer.deploy("misconfigured"))
                    .isInstanceOf(Exception.class);
            String message =
                    log.awaitLine(
                            offset,
                            "CWWKZ0002E: An exception occurred while starting the application"
                                    + " misconfigured",
                            Duration.ofSeconds(60));

            assertThat(message)
                    .contains("AISAX001: aisa-x-link is not configured correctly (5 problems)")
                    .contains("aisa.api-key (env AISA_API_KEY) is missing or blank")
                    .contains(
                            "aisa.accounts.ops.api-key (env AISA_ACCOUNTS_OPS_API_KEY) is missing")
                    .contains(
                            "aisa.base-url (env AISA_BASE_URL) uses plain http for host \"aisa.invalid\"")
                    .contains(
                            "aisa.x.link-lifetime (env AISA_X_LINK_LIFETIME) is not an ISO-8601 duration")
                    .contains(
                            "aisa.accounts.ops.default-scopes (env AISA_ACCOUNTS_OPS_DEFAULT_SCOPES)")
                    .contains("\"Tweet Write\"");
        } finally {
            try {
                deployer.undeploy("misconfigured");
            } catch (RuntimeException ignored) {
                // Nothing to undeploy when the deployment never started.
            }
        }
    }

    @Test
    @OperateOnDeployment("jar-only")
    void programmaticLookupOfABadlyConfiguredAccountFailsOnFirstUse() {
        XAccountLinker sales =
                CDI.current().select(XAccountLinker.class, XAccount.Literal.of("sales")).get();

        assertThat(sales.account()).isEqualTo("sales");
        assertThatThrownBy(sales::requestLink)
                .isInstanceOf(XLinkConfigException.class)
                .hasMessageStartingWith("AISAX001")
                .hasMessageContaining(
                        "aisa.accounts.sales.api-key (env AISA_ACCOUNTS_SALES_API_KEY)")
                .hasMessageContaining("\"not a scope\"");
        assertThatThrownBy(() -> sales.pending("x")).isInstanceOf(XLinkConfigException.class);
        assertThat(sales.requestLinkAsync(XLinkRequest.defaults()).toCompletableFuture())
                .as("the asynchronous request's stage, not the call")
                .failsWithin(Duration.ZERO)
                .withThrowableThat()
                .havingCause()
                .isInstanceOf(XLinkConfigException.class)
                .withMessageStartingWith("AISAX001");
        assertThat(moduleThreadsOfThisApplication())
                .as("threads started for linkers that only report their configuration")
                .isEmpty();
    }

    /** The module's threads that carry this application's class loader. */
    private static List<String> moduleThreadsOfThisApplication() {
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("aisa-x-link-"))
                .filter(thread -> thread.getContextClassLoader() == application)
                .map(Thread::getName)
                .toList();
    }

    @Test
    @OperateOnDeployment("jar-only")
    void defaultAccountWithoutKeyNeverSendsBearerNull() {
        XAccountLinker linker = CDI.current().select(XAccountLinker.class).get();

        assertThatThrownBy(linker::requestLink)
                .isInstanceOf(XLinkConfigException.class)
                .hasMessageContaining("aisa.api-key (env AISA_API_KEY) is missing or blank");
    }
}
