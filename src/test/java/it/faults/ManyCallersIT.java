package it.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.json.Json;

import it.support.Deployments;
import it.support.RawStub;
import it.support.RawStubAdmin;
import one.aisa.xlink.XAccountLinker;
import one.aisa.xlink.XLinkException;
import one.aisa.xlink.XLinkUnavailableException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * More callers than the Rest Client has connections, against a server that never answers: with
 * timeouts that let attempts run on the callers' own threads, every caller is still released by the
 * deadline (none waits inside the Rest Client for a connection), and no request reaches the server
 * after its caller was told the request failed.
 */
@ExtendWith(ArquillianExtension.class)
public class ManyCallersIT {

    static final String KEY = "sk-aisa-TESTKEY-callers-0014";
    static final int CALLERS = 150;
    static final long CALL_TIMEOUT_MILLIS = 3_000;
    static final long SLACK_MILLIS = 1_000;
    static final long IN_FLIGHT_MILLIS = 200;

    @Deployment
    public static WebArchive app() {
        return Deployments.app(
                "many-callers",
                RawStub.config()
                        + "aisa.api-key="
                        + KEY
                        + "\naisa/mp-rest/connectTimeout=500"
                        + "\naisa/mp-rest/readTimeout=1000"
                        + "\naisa.call-timeout=PT3S"
                        + "\naisa.retry.max-attempts=2"
                        + "\naisa.retry.initial-backoff=PT0.02S\n",
                ManyCallersIT.class,
                RawStubAdmin.class,
                RawStubAdmin.Stats.class,
                RawStubAdmin.Recorded.class);
    }

    @Inject XAccountLinker linker;

    /** One caller's outcome. */
    record Outcome(long millis, Throwable failure) {}

    @Test
    void everyCallerIsReleasedByTheDeadlineAndNothingIsSentAfterIt() throws Exception {
        RawStubAdmin stub =
                RawStubAdmin.fromConfig()
                        .reset()
                        .script(Json.createObjectBuilder().add("do", "hang").build());
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        List<Future<Outcome>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < CALLERS; i++) {
                Callable<Outcome> call =
                        () -> {
                            long start = System.nanoTime();
                            Throwable failure = null;
                            try {
                                linker.requestLink();
                            } catch (RuntimeException e) {
                                failure = e;
                            }
                            return new Outcome(
                                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
                                    failure);
                        };
                outcomes.add(callers.submit(call));
            }
            long slowest = 0;
            int attempts = 0;
            for (Future<Outcome> future : outcomes) {
                Outcome outcome = future.get(30, TimeUnit.SECONDS);
                assertThat(outcome.failure()).isInstanceOf(XLinkUnavailableException.class);
                attempts += ((XLinkException) outcome.failure()).attempts();
                slowest = Math.max(slowest, outcome.millis());
            }
            // A request that left just before its caller's deadline may be read by the stub a
            // moment later, on a machine this busy: what arrives in the next 200 ms is let pass.
            Thread.sleep(IN_FLIGHT_MILLIS);
            int seenWhenAllFailed = stub.stats().authRequests();
            Thread.sleep(3_000);
            RawStubAdmin.Stats later = stub.stats();

            assertThat(slowest)
                    .as("slowest caller, ms")
                    .isLessThanOrEqualTo(CALL_TIMEOUT_MILLIS + SLACK_MILLIS);
            assertThat(later.authRequests())
                    .as(
                            "requests the server received from 0.2 to 3.2 s after every caller had failed")
                    .isEqualTo(seenWhenAllFailed);
            assertThat(later.authRequests())
                    .as("requests received against attempts reported")
                    .isLessThanOrEqualTo(attempts);
            // At most 50 attempts run at once; the stub counts a connection the client has just
            // abandoned until it reads the close, so a few may overlap with their successors.
            assertThat(later.maxOpen()).as("connections open at once").isLessThanOrEqualTo(58);
            assertThat(later.overLimit()).as("connections the stub had to refuse").isZero();
        } finally {
            callers.shutdownNow();
            stub.reset();
        }
    }
}
