package it.lifecycle;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import it.support.Deployments;
import it.support.Stub;
import it.support.StubAdmin;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A linker used while its application stops, from another bean's {@code @PreDestroy}: the module
 * has already stopped, so the request fails with {@code AISAX047} without reaching AIsa, whether
 * the module's runtime existed before the stop or is created by that very call, and no thread of
 * the module outlives the application.
 *
 * <p>Runs from the client, with a probe application without the module (the redeploy test's)
 * reading the server's system properties and threads.
 */
@ExtendWith(ArquillianExtension.class)
public class StoppingIT {

    @Deployment(name = "probe", testable = false)
    public static WebArchive probeApp() {
        return ShrinkWrap.create(WebArchive.class, "stopping-probe.war")
                .addClasses(
                        RestApplication.class,
                        ProbeResource.class,
                        OutcomeResource.class,
                        ServerCounters.class);
    }

    @Deployment(name = "warm", managed = false, testable = false)
    public static WebArchive warmApp() {
        return stoppingApp("warm", true);
    }

    @Deployment(name = "cold", managed = false, testable = false)
    public static WebArchive coldApp() {
        return stoppingApp("cold", false);
    }

    private static WebArchive stoppingApp(String name, boolean warm) {
        return Deployments.app(
                "stopping-" + name,
                Stub.config()
                        + "aisa.api-key=sk-aisa-TESTKEY-stopping-0011\n"
                        + "it.stopping.name="
                        + name
                        + "\nit.stopping.warm="
                        + warm
                        + "\n",
                LinkerAtStop.class);
    }

    @ArquillianResource Deployer deployer;

    private StubAdmin stub;

    @BeforeEach
    void answerWithFreshLinks() throws Exception {
        stub = StubAdmin.at(Stub.port()).reset();
        stub.answer(StubAdmin.freshLink("st-stopping-", "1 hours"));
    }

    @Test
    void aRuntimeInUseStopsBeforeTheApplicationsBeans() throws Exception {
        assertStoppedCallFails("warm", true);
    }

    @Test
    void aRuntimeFirstCreatedWhileStoppingIsStoppedAtOnce() throws Exception {
        assertStoppedCallFails("cold", false);
    }

    private void assertStoppedCallFails(String name, boolean runtimeInUse) throws Exception {
        deployer.deploy(name);
        List<String> running = moduleThreads();
        deployer.undeploy(name);

        assertThat(running.isEmpty())
                .as("no module thread while the %s application runs: %s", name, running)
                .isEqualTo(!runtimeInUse);
        assertThat(Probes.text("stopping-probe/outcome/" + name))
                .as("requestLink from @PreDestroy of the %s application", name)
                .startsWith("one.aisa.xlink.XLinkUnavailableException: AISAX047");
        assertThat(stub.requests()).as("requests that reached the stub").isEmpty();
        assertThat(awaitNoModuleThreads())
                .as("threads of the module after the %s application stopped", name)
                .isEmpty();
    }

    private static List<String> awaitNoModuleThreads() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        List<String> threads = moduleThreads();
        while (!threads.isEmpty() && System.nanoTime() - deadline < 0) {
            TimeUnit.MILLISECONDS.sleep(100);
            threads = moduleThreads();
        }
        return threads;
    }

    private static List<String> moduleThreads() throws IOException, InterruptedException {
        return Probes.moduleThreads("stopping-probe");
    }
}
