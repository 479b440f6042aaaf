package it.linker;

import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import it.support.Deployments;
import it.support.SendingThreads;
import it.support.Stub;
import it.support.StubAdmin;
import one.aisa.xlink.XAccountLinker;
import one.aisa.xlink.XLink;
import one.aisa.xlink.XLinkRequest;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the library's default Rest Client timeouts (5 s connect and 20 s read, within the 30 s
 * deadline), {@code requestLink} sends its request from the caller's own thread, while {@code
 * requestLinkAsync} sends it from a call thread of the module. A filter registered through the
 * standard {@code aisa/mp-rest/providers} key records where each request left from.
 */
@ExtendWith(ArquillianExtension.class)
public class CallerThreadIT {

    static final String KEY = "sk-aisa-TESTKEY-thread-0012";

    @Deployment
    public static WebArchive app() {
        return Deployments.app(
                "caller-thread",
                Stub.config() + "aisa.api-key=" + KEY + "\n" + SendingThreads.CONFIG + "\n",
                CallerThreadIT.class,
                SendingThreads.class);
    }

    @Inject XAccountLinker linker;

    @BeforeEach
    void reset() {
        StubAdmin.fromConfig().reset().answer(StubAdmin.freshLink("thread-", "10 minutes"));
        SendingThreads.SEEN.clear();
    }

    @Test
    void requestLinkSendsFromTheCallersThread() {
        XLink link = linker.requestLink();
        linker.cancel(link.state());

        assertThat(SendingThreads.SEEN).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void requestLinkAsyncSendsFromACallThread() throws Exception {
        XLink link =
                linker.requestLinkAsync(XLinkRequest.defaults())
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS);
        linker.cancel(link.state());

        assertThat(SendingThreads.SEEN)
                .singleElement()
                .asString()
                .startsWith("aisa-x-link-call")
                .isNotEqualTo(Thread.currentThread().getName());
    }
}
