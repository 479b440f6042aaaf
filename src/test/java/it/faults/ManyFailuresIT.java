package it.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.eclipse.microprofile.config.ConfigProvider;

import it.support.Answers;
import it.support.Deployments;
import it.support.RawStub;
import it.support.RawStubAdmin;
import one.aisa.xlink.XAccountLinker;
import one.aisa.xlink.XLink;
import one.aisa.xlink.XLinkAuthException;
import one.aisa.xlink.XLinkException;
import one.aisa.xlink.XLinkUnavailableException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A thousand failed calls in a row (401, a 2xx body cut short, a reset) leave nothing behind: each
 * call ends within the deadline as the failure its fault calls for, the stub never sees more than a
 * handful of connections at once, they close again, and the next call gets its link.
 */
@ExtendWith(ArquillianExtension.class)
public class ManyFailuresIT {

    static final String KEY = "sk-aisa-TESTKEY-faults-0009";
    static final int FAILURES = 1_000;
    static final int MAX_OPEN_CONNECTIONS = 8;
    static final long CALL_SLACK_MILLIS = 1_500;
    static final JsonObject JSON =
            Json.createObjectBuilder().add("Content-Type", "application/json").build();

    @Deployment
    public static WebArchive app() {
        return Deployments.app(
                "faults-many",
                RawStub.config()
                        + "aisa.api-key="
                        + KEY
                        + "\naisa/mp-rest/readTimeout=1000"
                        + "\naisa.call-timeout=PT3S"
                        + "\naisa.retry.max-attempts=2"
                        + "\naisa.retry.initial-backoff=PT0.005S"
                        + "\naisa.retry.max-wait=PT1S\n",
                ManyFailuresIT.class,
                RawStubAdmin.class,
                RawStubAdmin.Stats.class,
                RawStubAdmin.Recorded.class);
    }

    @Inject XAccountLinker linker;

    @Test
    void aThousandFailuresThenTheLinkArrivesAndNoConnectionIsLeftOpen() throws Exception {
        RawStubAdmin stub = RawStubAdmin.fromConfig().reset();
        int maxAttempts =
                ConfigProvider.getConfig().getValue("aisa.retry.max-attempts", Integer.class);
        long boundMillis =
                Duration.parse(
                                        ConfigProvider.getConfig()
                                                .getValue("aisa.call-timeout", String.class))
                                .toMillis()
                        + CALL_SLACK_MILLIS;
        ExecutorService caller = Executors.newSingleThreadExecutor();
        List<String> wrong = new ArrayList<>();
        long expectedRequests = 0;
        long reportedAttempts = 0;
        long slowestMillis = 0;
        long start = System.nanoTime();
        try {
            for (int i = 0; i < FAILURES; i++) {
                Fault fault = Fault.values()[i % Fault.values().length];
                stub.script(fault.behaviour());
                long callStart = System.nanoTime();
                Future<XLink> call = caller.submit(() -> linker.requestLink());
                Throwable outcome;
                try {
                    outcome =
                            new AssertionError(
                                    "call "
                                            + i
                                            + " returned "
                                            + call.get(boundMillis, TimeUnit.MILLISECONDS));
                } catch (java.util.concurrent.ExecutionException e) {
                    outcome = e.getCause();
                } catch (TimeoutException e) {
                    call.cancel(true);
                    wrong.add(
                            "call "
                                    + i
                                    + " ("
                                    + fault
                                    + ") still running after "
                                    + boundMillis
                                    + " ms");
                    break;
                }
                slowestMillis =
                        Math.max(
                                slowestMillis,
                                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - callStart));
                int attempts = fault.retryable ? maxAttempts : 1;
                expectedRequests += attempts;
                if (!fault.type.isInstance(outcome)
                        || ((XLinkException) outcome).attempts() != attempts) {
                    if (wrong.size() < 20) {
                        wrong.add("call " + i + " (" + fault + "): " + outcome);
                    }
                }
                if (outcome instanceof XLinkException e) {
                    reportedAttempts += e.attempts();
                }
            }
        } finally {
            caller.shutdownNow();
        }
        long failuresMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        String state = "st-after-1000-" + Long.toHexString(System.nanoTime());
        stub.script(
                Json.createObjectBuilder()
                        .add("do", "respond")
                        .add("status", 200)
                        .add("headers", JSON)
                        .add("body", Answers.flat(state, "2030-04-18T07:00:00Z"))
                        .build());
        XLink link = linker.requestLink();
        RawStubAdmin.Stats afterCalls = stub.stats();
        RawStubAdmin.Stats settled = awaitOpenAtMost(stub, 1, Duration.ofSeconds(5));
        System.out.println(
                String.format(
                        java.util.Locale.ROOT,
                        "MANY FAILURES: %d failures in %d ms (slowest call %d ms); attempts reported %d,"
                                + " requests received %d; connections accepted %d, max open %d,"
                                + " open after %d, over limit %d",
                        FAILURES,
                        failuresMillis,
                        slowestMillis,
                        reportedAttempts,
                        afterCalls.authRequests(),
                        afterCalls.accepted(),
                        afterCalls.maxOpen(),
                        settled.open(),
                        afterCalls.overLimit()));
        linker.cancel(state);

        assertThat(wrong).as("calls that did not fail as expected").isEmpty();
        assertThat(link.state()).isEqualTo(state);
        assertThat(link.authUrl().toString()).isEqualTo(Answers.AUTH_URL + state);
        assertThat(link.expiresAt()).isEqualTo(Instant.parse("2030-04-18T07:00:00Z"));
        assertThat(afterCalls.authRequests())
                .as("requests the stub received: one per attempt, plus the success")
                .isEqualTo(expectedRequests + 1);
        assertThat(afterCalls.maxOpen())
                .as("most connections open at once")
                .isLessThanOrEqualTo(MAX_OPEN_CONNECTIONS);
        assertThat(afterCalls.overLimit()).isZero();
        assertThat(settled.open()).as("connections still open afterwards").isLessThanOrEqualTo(1);
    }

    private static RawStubAdmin.Stats awaitOpenAtMost(RawStubAdmin stub, int open, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        RawStubAdmin.Stats stats = stub.stats();
        while (stats.open() > open && System.nanoTime() < deadline) {
            Thread.sleep(50);
            stats = stub.stats();
        }
        return stats;
    }

    /** The three faults, in turn. */
    private enum Fault {
        UNAUTHORIZED(XLinkAuthException.class, false) {
            @Override
            JsonObject behaviour() {
                return Json.createObjectBuilder()
                        .add("do", "respond")
                        .add("status", 401)
                        .add(
                                "json",
                                Json.createObjectBuilder()
                                        .add(
                                                "error",
                                                Json.createObjectBuilder()
                                                        .add("code", "invalid_api_key")))
                        .build();
            }
        },
        CUT_BODY(XLinkUnavailableException.class, true) {
            @Override
            JsonObject behaviour() {
                return Json.createObjectBuilder()
                        .add("do", "cut")
                        .add("status", 200)
                        .add("headers", JSON)
                        .add("body", Answers.flat("st-cut-0001", "2030-04-18T07:00:00Z"))
                        .add("send", 30)
                        .build();
            }
        },
        RESET(XLinkUnavailableException.class, true) {
            @Override
            JsonObject behaviour() {
                return Json.createObjectBuilder().add("do", "reset").build();
            }
        };

        final Class<? extends XLinkException> type;
        final boolean retryable;

        Fault(Class<? extends XLinkException> type, boolean retryable) {
            this.type = type;
            this.retryable = retryable;
        }

        abstract JsonObject behaviour();
    }
}
