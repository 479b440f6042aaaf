package it.faults;

import java.util.List;

import org.assertj.core.api.SoftAssertions;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault suite with the Rest Client allowed to wait longer than the call deadline (connect 5 s
 * by the library's default, read 1 s, deadline 3 s): every attempt runs on a call thread of the
 * module and the caller waits for it at most until the deadline.
 */
public class FaultSuiteIT extends FaultSuite {

    @Deployment
    public static WebArchive app() {
        return app("faults", "aisa/mp-rest/readTimeout=1000", FaultSuiteIT.class);
    }

    @Override
    void checkWhereAttemptsRan(
            String name, List<String> senders, String caller, SoftAssertions softly) {
        softly.assertThat(senders)
                .as("%s: threads the attempts were sent from", name)
                .isNotEmpty()
                .allSatisfy(sender -> assertThat(sender).startsWith("aisa-x-link-call"));
    }
}
