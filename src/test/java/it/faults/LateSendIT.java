package it.faults;

import jakarta.inject.Inject;

import it.support.Deployments;
import it.support.Stub;
import it.support.StubAdmin;
import one.aisa.xlink.XAccountLinker;
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
 * own request filter, is not sent: the caller is told so, and AIsa receives nothing it could issue
 * an untracked link for.
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
                        + SlowFilter.class.getName()
                        + "\n",
                LateSendIT.class,
                SlowFilter.class);
    }

    @Inject XAccountLinker linker;

    @Test
    void aRequestWhoseDeadlinePassedBeforeItWasSentIsNotSent() throws Exception {
        StubAdmin stub =
                StubAdmin.fromConfig().reset().answer(StubAdmin.freshLink("late-", "10 minutes"));

        XLinkUnavailableException e =
                catchThrowableOfType(linker::requestLink, XLinkUnavailableException.class);

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith("AISAX019:").contains("not sent");
        Thread.sleep(500);
        assertThat(stub.requests()).as("requests AIsa received").isEmpty();
    }
}
