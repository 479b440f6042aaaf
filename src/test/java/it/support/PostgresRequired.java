package it.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class only when the tests' PostgreSQL ({@code .ci/postgres start}) listens on
 * 127.0.0.1, port {@code aisa.test.pg.port}. In CI ({@code CI=true}) the class always runs, so a
 * missing PostgreSQL fails the build instead of skipping.
 */
public final class PostgresRequired implements ExecutionCondition {

    /** The port failsafe passes on, with the default of {@code .ci/postgres}. */
    public static int port() {
        return Integer.getInteger("aisa.test.pg.port", 55432);
    }

    /** Tells whether something accepts connections on the PostgreSQL port. */
    public static boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port()), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Tells whether this is a CI run, where nothing may be skipped for want of PostgreSQL. */
    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (inCi() || listening()) {
            return ConditionEvaluationResult.enabled("PostgreSQL required");
        }
        return ConditionEvaluationResult.disabled(
                "no PostgreSQL on 127.0.0.1:"
                        + port()
                        + " (start one with .ci/postgres start; CI=true makes this a failure)");
    }
}
