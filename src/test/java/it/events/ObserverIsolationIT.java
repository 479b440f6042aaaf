package it.events;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import it.support.Deployments;
import it.support.RecordedEvents;
import it.support.Stub;
import it.support.StubAdmin;
import one.aisa.xlink.XAccountLinker;
import one.aisa.xlink.XLink;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static it.support.Answers.flat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An observer that throws neither fails the request nor stops the other observers; its first
 * failure is a WARNING naming its class, later ones are quieter, and no log record carries the
 * link's state or URL even when the observer's own message quotes them.
 */
@ExtendWith(ArquillianExtension.class)
public class ObserverIsolationIT {

    @Deployment
    public static WebArchive app() {
        return Deployments.app(
                "observers",
                Stub.config() + "aisa.api-key=sk-aisa-TESTKEY-observers-0004\n",
                ObserverIsolationIT.class,
                ThrowingObservers.class);
    }

    @Inject XAccountLinker linker;

    @Inject RecordedEvents events;

    @Inject ThrowingObservers throwing;

    final List<LogRecord> records = new CopyOnWriteArrayList<>();
    final Logger guardLogger = Logger.getLogger("one.aisa.xlink.internal.events.ObserverGuard");
    final Handler capture =
            new Handler() {
                @Override
                public void publish(LogRecord record) {
                    records.add(record);
                }

                @Override
                public void flush() {}

                @Override
                public void close() {}
            };
    Level previousLevel;

    @BeforeEach
    void capture() {
        StubAdmin.fromConfig().reset();
        events.clear();
        previousLevel = guardLogger.getLevel();
        guardLogger.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        guardLogger.addHandler(capture);
    }

    @AfterEach
    void release() {
        guardLogger.removeHandler(capture);
        guardLogger.setLevel(previousLevel);
    }

    @Test
    void throwingObserversAreIsolatedAndLoggedOnceLoudly() {
        StubAdmin stub = StubAdmin.fromConfig();
        stub.answerJson(flat("st-obs-1", "2030-01-01T00:00:00Z"));
        XLink first = linker.requestLink();
        stub.reset().answerJson(flat("st-obs-2", "2030-01-01T00:00:00Z"));
        XLink second = linker.requestLink();

        assertThat(first.state()).isEqualTo("st-obs-1");
        assertThat(second.state()).isEqualTo("st-obs-2");
        assertThat(events.await(s -> true, 4, Duration.ofSeconds(10)))
                .as("the recording observers saw both links, sync and async")
                .hasSize(4);
        awaitRecords(4);
        assertThat(throwing.syncCalls()).isEqualTo(2);
        assertThat(throwing.asyncCalls()).isEqualTo(2);

        List<LogRecord> warnings =
                records.stream().filter(r -> r.getLevel() == Level.WARNING).toList();
        assertThat(warnings)
                .as("one WARNING per failing observer")
                .hasSize(2)
                .allSatisfy(
                        r ->
                                assertThat(r.getMessage())
                                        .contains(ThrowingObservers.class.getName()));
        assertThat(records.stream().filter(r -> r.getLevel().intValue() < Level.INFO.intValue()))
                .as("later failures logged below INFO with a count")
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.getMessage()).contains("2 failures so far"));
        for (LogRecord record : records) {
            String text = render(record);
            assertThat(text)
                    .containsAnyOf("IllegalStateException", "IllegalArgumentException")
                    .doesNotContain("st-obs-1", "st-obs-2", "oauth2/authorize");
        }
    }

    private void awaitRecords(int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (records.size() < count && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    private static String render(LogRecord record) {
        StringWriter text = new StringWriter();
        text.append(String.valueOf(record.getMessage()));
        if (record.getThrown() != null) {
            record.getThrown().printStackTrace(new PrintWriter(text));
        }
        return text.toString();
    }
}
