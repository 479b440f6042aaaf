package it.faults;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import it.support.Deployments;
import it.support.Stub;
import it.support.StubAdmin;
import one.aisa.xlink.XAccountLinker;
import one.aisa.xlink.XLinkRequest;
import one.aisa.xlink.XLinkUnavailableException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A request whose deadline passes on its way into the Rest Client, here held by an application's
 * own request filter or writer interceptor, is not sent, whether its caller waits for it or was
 * already told, at the deadline, that it failed: AIsa receives nothing it could issue an untracked
 * link for.
 */
@ExtendWith(ArquillianExtension.class)
public class LateSendIT {

    static final String KEY = "sk-aisa-TESTKEY-latesend-0032";

    @Deployment
    public static WebArchive app() {
        return Deployments.app(
                "late-send",
                Stub.config()
                        + "aisa.api-key="
                        + KEY
                        + "\naisa.call-timeout=PT1S"
                        + "\naisa/mp-rest/connectTimeout=200"
                        + "\naisa/mp-rest/readTimeout=500"
                        + "\naisa/mp-rest/providers="
                        + SlowProvider.class.getName()
                        + "\n",
                LateSendIT.class,
                SlowProvider.class);
    }

    @Inject XAccountLinker linker;

    @Test
    void aCallerWhoseAttemptAFilterHeldPastTheDeadlineIsToldItWasNotSent() throws Exception {
        callerIsToldItWasNotSent(SlowProvider.Stage.FILTER);
    }

    @Test
    void aCallerWhoseAttemptAWriterHeldPastTheDeadlineIsToldItWasNotSent() throws Exception {
        callerIsToldItWasNotSent(SlowProvider.Stage.WRITER);
    }

    @Test
    void anAttemptAFilterHeldAfterItsCallerWasToldOfTheFailureIsNotSent() throws Exception {
        lateAttemptIsNotSent(SlowProvider.Stage.FILTER);
    }

    @Test
    void anAttemptAWriterHeldAfterItsCallerWasToldOfTheFailureIsNotSent() throws Exception {
        lateAttemptIsNotSent(SlowProvider.Stage.WRITER);
    }

    /** The attempt runs on the caller's thread, which the application holds past the deadline. */
    private void callerIsToldItWasNotSent(SlowProvider.Stage stage) throws Exception {
        SlowProvider.holdIn = stage;
        StubAdmin stub =
                StubAdmin.fromConfig().reset().answer(StubAdmin.freshLink("late-", "1 hour"));

        XLinkUnavailableException e =
                catchThrowableOfType(XLinkUnavailableException.class, linker::requestLink);

        assertThat(e).isNotNull();
        assertThat(e.getMessage())
                .isEqualTo(
                        "AISAX019: the attempt was not sent: aisa.call-timeout (PT1S) passed"
                                + " before it could leave for AIsa. Retry later.");
        assertThat(stub.requests()).as("requests AIsa received").isEmpty();
    }

    /**
     * The attempt runs on a call thread; its caller is told at the deadline that the request
     * failed, while the application still holds the attempt, which must then not be sent.
     */
    private void lateAttemptIsNotSent(SlowProvider.Stage stage) throws Exception {
        SlowProvider.holdIn = stage;
        StubAdmin stub =
                StubAdmin.fromConfig().reset().answer(StubAdmin.freshLink("late-", "1 hour"));
        long start = System.nanoTime();

        ExecutionException e =
                catchThrowableOfType(
                        ExecutionException.class,
                        () ->
                                linker.requestLinkAsync(XLinkRequest.defaults())
                                        .toCompletableFuture()
                                        .get(10, TimeUnit.SECONDS));
        long toldAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(e).isNotNull();
        assertThat(e.getCause())
                .isInstanceOf(XLinkUnavailableException.class)
                .hasMessage(
                        "AISAX016: no usable answer from AIsa within aisa.call-timeout (PT1S)"
                                + " after 1 attempt. Retry later.");
        assertThat(toldAfterMillis).as("told after, ms").isLessThan(SlowProvider.HOLD_MILLIS);
        Thread.sleep(SlowProvider.HOLD_MILLIS + 500);
        assertThat(stub.requests()).as("requests AIsa received").isEmpty();
    }
}
