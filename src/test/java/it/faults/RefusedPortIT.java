package it.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import it.support.Deployments;
import one.aisa.xlink.XAccountLinker;
import one.aisa.xlink.XLinkException;
import one.aisa.xlink.XLinkUnavailableException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * With the fault suite's retry settings and a base URL on a loopback port where nothing listens,
 * every attempt is refused: the caller gets one retryable failure that counts the attempts, keeps
 * the earlier refusal as suppressed, and arrives well within the call deadline.
 */
@ExtendWith(ArquillianExtension.class)
public class RefusedPortIT {

    static final String KEY = "sk-aisa-TESTKEY-faults-0009";

    @Deployment
    public static WebArchive app() {
        return Deployments.app(
                "faults-refused",
                "aisa.api-key="
                        + KEY
                        + "\naisa.base-url=http://127.0.0.1:"
                        + closedPort()
                        + "/apis/v1"
                        + "\naisa/mp-rest/readTimeout=1000"
                        + "\naisa.call-timeout=PT3S"
                        + "\naisa.retry.max-attempts=2"
                        + "\naisa.retry.initial-backoff=PT0.02S"
                        + "\naisa.retry.max-wait=PT1S\n",
                RefusedPortIT.class);
    }

    @Inject XAccountLinker linker;

    @Test
    void everyAttemptIsRefusedAndTheCallerLearnsItOnce() {
        long start = System.nanoTime();
        XLinkUnavailableException e =
                catchThrowableOfType(XLinkUnavailableException.class, linker::requestLink);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(e).as("a refused connection is XLinkUnavailableException").isNotNull();
        assertThat(e.getMessage()).startsWith("AISAX011").contains("aisa.base-url");
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.httpStatus()).isEmpty();
        assertThat(e.attempts()).as("attempts() with aisa.retry.max-attempts=2").isEqualTo(2);
        assertThat(Arrays.stream(e.getSuppressed()).filter(XLinkException.class::isInstance))
                .as("the first refusal, suppressed")
                .singleElement()
                .satisfies(
                        first ->
                                assertThat(((XLinkException) first).getMessage())
                                        .startsWith("AISAX011"));
        assertThat(tookMillis).as("took (ms), within aisa.call-timeout=PT3S").isLessThan(3000);
        assertThat(e.toString()).doesNotContain(KEY);
        assertThat(linker.pendingLinks()).isEmpty();
    }

    /** A port that was free a moment ago on 127.0.0.1 and has nothing listening now. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
