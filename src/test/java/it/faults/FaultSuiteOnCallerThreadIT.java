package it.faults;

import java.util.List;

import org.assertj.core.api.SoftAssertions;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The fault suite with Rest Client timeouts that end every wait before the call deadline (connect
 * 0.5 s, read 1 s, deadline 3 s): {@code requestLink} makes its attempts on the caller's own thread
 * while at least 1.5 s are left, and the same table of cases must hold.
 */
public class FaultSuiteOnCallerThreadIT extends FaultSuite {

    @Deployment
    public static WebArchive app() {
        return app(
                "faults-caller",
                "aisa/mp-rest/connectTimeout=500\naisa/mp-rest/readTimeout=1000",
                FaultSuiteOnCallerThreadIT.class);
    }

    /** Every case's first attempt, at least, is sent from the caller's own thread. */
    @Override
    void checkWhereAttemptsRan(
            String name, List<String> senders, String caller, SoftAssertions softly) {
        softly.assertThat(senders)
                .as("%s: threads the attempts were sent from", name)
                .first()
                .isEqualTo(caller);
    }
}
