package it.lifecycle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import it.support.Deployments;
import it.support.ServerLog;
import it.support.Stub;
import it.support.StubAdmin;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * Twenty deployments of an application that requests links and is undeployed while some of them are
 * pending (an hour, three seconds) and one request is still on its way. Afterwards the module's
 * threads are gone, the server holds no more copies of the module's classes than before (counted in
 * a class histogram, after a full GC), and no link event reached an application after its
 * application context was destroyed, nor did the module try to fire one (the container would refuse
 * it, and the module would log that at WARNING).
 *
 * <p>Runs from the client: the redeployed application and a probe application (without the module)
 * answer over HTTP on 127.0.0.1; the class histogram comes from {@code jcmd} on the server's
 * process. The server runs with {@code -XX:SoftRefLRUPolicyMSPerMB=0} (arquillian.xml), so the full
 * GC also clears soft references and only class loaders still strongly held count.
 */
@ExtendWith(ArquillianExtension.class)
public class RedeployIT {

    static final int CYCLES = 20;

    /** The class every live copy of the module holds instances of, in its constants. */
    static final String MODULE_CLASS = "one.aisa.xlink.XScope";

    /** A messages.log line of the module's loggers at WARNING or above. */
    static final Pattern MODULE_WARNING = Pattern.compile("\\sone\\.aisa\\.xlink\\.\\S*\\s+[WEF] ");

    @Deployment(name = "probe", testable = false)
    public static WebArchive probeApp() {
        return ShrinkWrap.create(WebArchive.class, "redeploy-probe.war")
                .addClasses(RestApplication.class, ProbeResource.class, ServerCounters.class);
    }

    @Deployment(name = "cycle", managed = false, testable = false)
    public static WebArchive cycleApp() {
        return Deployments.app(
                "redeploy-cycle",
                Stub.config() + "aisa.api-key=sk-aisa-TESTKEY-redeploy-0008\n",
                RestApplication.class,
                LinksResource.class,
                CycleObservers.class,
                ServerCounters.class);
    }

    @ArquillianResource Deployer deployer;

    @Test
    void redeploysLeaveNoThreadNoClassLoaderAndNoLateEvent() throws Exception {
        answerByScope();
        ServerLog log = ServerLog.fromSystemProperties();
        long logOffset = log.size();
        JsonObject before = probe();
        long pid = before.getJsonNumber("pid").longValue();
        List<String> threadsBefore = Probes.strings(before, "moduleThreads");
        int loadersBefore = liveCopiesOfTheModule(pid);
        long start = System.nanoTime();

        List<String> cycleProblems = new ArrayList<>();
        int cyclesWithAsyncInFlight = 0;
        int pendingAtUndeploy = 0;
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            deployer.deploy("cycle");
            JsonObject result;
            try {
                result = Probes.post("redeploy-cycle/links");
            } finally {
                deployer.undeploy("cycle");
            }
            if (!result.getBoolean("eventsSeen")) {
                cycleProblems.add(cycle + ": saw only " + result.getInt("events") + " events");
            }
            if (!Probes.strings(result, "moduleThreads")
                    .contains(Probes.MODULE_THREAD_PREFIX + "expiry")) {
                cycleProblems.add(cycle + ": no expiry thread while deployed: " + result);
            }
            cyclesWithAsyncInFlight += result.getBoolean("asyncInFlight") ? 1 : 0;
            pendingAtUndeploy += result.getInt("pending");
        }
        long cyclesMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        // Past the three-second lifetimes and the late answer of the last deployment.
        TimeUnit.SECONDS.sleep(6);
        JsonObject after = probe();
        List<String> threadsAfter = awaitModuleThreadsAtMost(threadsBefore.size());
        int loadersAfter = awaitLiveCopiesAtMost(pid, loadersBefore + 1);
        List<String> moduleWarnings =
                log.since(logOffset)
                        .lines()
                        .filter(line -> MODULE_WARNING.matcher(line).find())
                        .toList();

        assertThat(cycleProblems)
                .as("each deployment requested its links and observed their events")
                .isEmpty();
        long late =
                after.getJsonNumber("lateEvents").longValue()
                        - before.getJsonNumber("lateEvents").longValue();
        long stopped =
                after.getJsonNumber("stopped").longValue()
                        - before.getJsonNumber("stopped").longValue();
        long events =
                after.getJsonNumber("events").longValue()
                        - before.getJsonNumber("events").longValue();
        String figures =
                String.format(
                        "%d cycles in %d ms, %d links pending and %d requests in flight at undeploy;"
                                + " module threads before %d, after %d; live copies of %s"
                                + " before %d, after %d; events %d, late %d",
                        CYCLES,
                        cyclesMillis,
                        pendingAtUndeploy,
                        cyclesWithAsyncInFlight,
                        threadsBefore.size(),
                        threadsAfter.size(),
                        MODULE_CLASS,
                        loadersBefore,
                        loadersAfter,
                        events,
                        late);
        System.out.println("RedeployIT: " + figures);
        assertSoftly(
                softly -> {
                    softly.assertThat(stopped)
                            .as("deployments whose application context was destroyed")
                            .isEqualTo(CYCLES);
                    softly.assertThat(events)
                            .as("events the deployments observed before their undeploy")
                            .isGreaterThanOrEqualTo(CYCLES * LinksResource.EVENTS_BEFORE_UNDEPLOY);
                    softly.assertThat(late)
                            .as("events observed after an application context was destroyed")
                            .isZero();
                    // The container refuses a late event before any observer sees it; the module
                    // then logs its failure to report the link (AISAX061), so the log shows it.
                    softly.assertThat(moduleWarnings)
                            .as(
                                    "warnings and errors of the module in messages.log during the cycles")
                            .isEmpty();
                    softly.assertThat(threadsAfter)
                            .as("module threads after the cycles, %d before", threadsBefore.size())
                            .hasSizeLessThanOrEqualTo(threadsBefore.size());
                    softly.assertThat(threadsAfter)
                            .as("module threads alive after the cycles")
                            .isEmpty();
                    softly.assertThat(loadersAfter)
                            .as(
                                    "class loaders holding %s after a full GC, %d before (%s)",
                                    MODULE_CLASS, loadersBefore, figures)
                            .isLessThanOrEqualTo(loadersBefore + 1);
                });
    }

    /**
     * Grants a new link per call, its lifetime chosen by the requested scopes: {@code tweet.read}
     * three seconds, {@code users.read} already expired, {@code dm.read} an hour but answered after
     * two seconds, AIsa's defaults an hour.
     */
    private static void answerByScope() {
        StubAdmin stub = StubAdmin.at(Stub.port()).reset();
        stub.answer(StubAdmin.freshLink("st-redeploy-", "1 hours"));
        stub.answerWhenBodyContains(
                "\"tweet.read\"", StubAdmin.freshLink("st-redeploy-short-", "3 seconds"));
        stub.answerWhenBodyContains(
                "\"users.read\"", StubAdmin.freshLink("st-redeploy-expired-", "-5 seconds"));
        stub.answerWhenBodyContains(
                "\"dm.read\"",
                Json.createObjectBuilder(StubAdmin.freshLink("st-redeploy-late-", "1 hours"))
                        .add("fixedDelayMilliseconds", 2000)
                        .build());
    }

    private List<String> awaitModuleThreadsAtMost(int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<String> threads = Probes.moduleThreads("redeploy-probe");
        while (threads.size() > count && System.nanoTime() - deadline < 0) {
            TimeUnit.MILLISECONDS.sleep(500);
            threads = Probes.moduleThreads("redeploy-probe");
        }
        return threads;
    }

    /**
     * Takes up to three histograms, a few seconds apart, until the count is at most {@code count}.
     */
    private static int awaitLiveCopiesAtMost(long pid, int count) throws Exception {
        int copies = liveCopiesOfTheModule(pid);
        for (int attempt = 1; attempt < 3 && copies > count; attempt++) {
            TimeUnit.SECONDS.sleep(5);
            copies = liveCopiesOfTheModule(pid);
        }
        return copies;
    }

    /**
     * Counts the rows of {@link #MODULE_CLASS} in the server's class histogram: one per class
     * loader that still holds the module. {@code GC.class_histogram} runs a full GC first.
     */
    static int liveCopiesOfTheModule(long pid) throws Exception {
        Path out = Files.createTempFile("class-histogram-", ".txt");
        try {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            Process process =
                    new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
                            .redirectErrorStream(true)
                            .redirectOutput(out.toFile())
                            .start();
            boolean finished = process.waitFor(120, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String histogram = Files.readString(out, StandardCharsets.UTF_8);
            assertThat(finished).as("jcmd GC.class_histogram finished within 120 s").isTrue();
            assertThat(process.exitValue()).as("jcmd exit status; output:%n%s", histogram).isZero();
            assertThat(histogram)
                    .as("a class histogram of the server")
                    .contains("java.lang.String");
            Pattern row =
                    Pattern.compile(
                            "^\\s*\\d+:\\s+\\d+\\s+\\d+\\s+"
                                    + Pattern.quote(MODULE_CLASS)
                                    + "(\\s|$)");
            return (int) histogram.lines().filter(line -> row.matcher(line).find()).count();
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static JsonObject probe() throws IOException, InterruptedException {
        return Probes.get("redeploy-probe/probe");
    }
}
