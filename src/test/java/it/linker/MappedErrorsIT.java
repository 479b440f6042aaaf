package it.linker;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import it.support.Deployments;
import it.support.SendingThreads;
import it.support.Stub;
import it.support.StubAdmin;
import one.aisa.xlink.XAccountLinker;
import one.aisa.xlink.XLink;
import one.aisa.xlink.XLinkRateLimitException;
import one.aisa.xlink.XLinkRequestException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * An application that keeps the Rest Client's default error mapping on for all its clients ({@code
 * microprofile.rest.client.disable.default.mapper=false}) still gets AIsa's error details and
 * {@code Retry-After}, and {@code requestLink} then sends from a call thread of the module, since
 * the Rest Client reads error bodies whole before the module sees them.
 */
@ExtendWith(ArquillianExtension.class)
public class MappedErrorsIT {

    static final String KEY = "sk-aisa-TESTKEY-mapped-0013";

    @Deployment
    public static WebArchive app() {
        return Deployments.app(
                "mapped-errors",
                Stub.config()
                        + "aisa.api-key="
                        + KEY
                        + "\nmicroprofile.rest.client.disable.default.mapper=false"
                        + "\n"
                        + SendingThreads.CONFIG
                        + "\n",
                MappedErrorsIT.class,
                SendingThreads.class);
    }

    @Inject XAccountLinker linker;

    StubAdmin stub;

    @BeforeEach
    void reset() {
        stub = StubAdmin.fromConfig().reset();
        SendingThreads.SEEN.clear();
    }

    @Test
    void errorDetailsAndRetryAfterSurviveTheMapping() {
        stub.answer(
                429,
                "{\"error\":{\"type\":\"rate_limit_error\","
                        + "\"code\":\"rate_limit_exceeded\",\"message\":\"slow down\"}}",
                Map.of("Content-Type", "application/json", "Retry-After", "600"));

        XLinkRateLimitException e =
                catchThrowableOfType(XLinkRateLimitException.class, linker::requestLink);

        assertThat(e.retryAfter()).contains(Duration.ofSeconds(600));
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.errorCode()).contains("rate_limit_exceeded");
        assertThat(e.getMessage()).contains("slow down");

        stub.reset()
                .answer(
                        400,
                        "{\"error\":{\"code\":\"invalid_parameter\",\"message\":\"bad scope\"}}",
                        Map.of("Content-Type", "application/json", "X-Request-Id", "req_m_1"));
        XLinkRequestException bad =
                catchThrowableOfType(XLinkRequestException.class, linker::requestLink);
        assertThat(bad.errorCode()).contains("invalid_parameter");
        assertThat(bad.requestId()).contains("req_m_1");
    }

    @Test
    void requestLinkSendsFromACallThread() {
        stub.answer(StubAdmin.freshLink("mapped-", "10 minutes"));

        XLink link = linker.requestLink();
        linker.cancel(link.state());

        assertThat(SendingThreads.SEEN).singleElement().asString().startsWith("aisa-x-link-call");
    }
}
