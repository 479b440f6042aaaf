package one.aisa.xlink.internal.client;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

import jakarta.ws.rs.ProcessingException;

import one.aisa.xlink.XLinkUnavailableException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a failure without an answer from AIsa reaches the caller: the JDK's network exception under
 * the Rest Client's wrapper decides the code and the advice.
 */
class NetworkFailuresTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(
                        new ConnectException("Connection refused"), "AISAX011", "proxyAddress"),
                Arguments.of(new UnknownHostException("aisa.invalid"), "AISAX012", "aisa.base-url"),
                Arguments.of(
                        new SocketTimeoutException("Read timed out"), "AISAX010", "readTimeout"),
                Arguments.of(
                        new SSLHandshakeException("PKIX path building failed"),
                        "AISAX009",
                        "(SSLHandshakeException)"),
                Arguments.of(
                        new SSLPeerUnverifiedException("Certificate doesn't match"),
                        "AISAX009",
                        "aisa/mp-rest/hostnameVerifier"),
                Arguments.of(
                        new SocketException("Connection reset"), "AISAX013", "(SocketException)"));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void theNetworkExceptionDecidesCodeAndAdvice(IOException io, String code, String advice) {
        XLinkUnavailableException e =
                AisaGateway.unavailable(
                        new ProcessingException("RESTEASY004655: Unable to invoke request", io));

        assertThat(e.getMessage()).startsWith(code + ":").contains(advice);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.httpStatus()).isEmpty();
        assertThat(e.getCause())
                .as("a copy of the JDK's exception, not the wrapper")
                .hasMessage(io.getClass().getName() + ": " + io.getMessage());
    }

    @ParameterizedTest
    @MethodSource("failures")
    void aTlsAdviceOnlyForTls(IOException io, String code, String advice) {
        String message = AisaGateway.unavailable(new ProcessingException(io)).getMessage();

        assertThat(message.contains("trustStore") || message.contains("keyStore"))
                .isEqualTo(code.equals("AISAX009"));
    }

    /** An application's own provider on the module's client, quoting what it should not. */
    static final class ProviderFailure extends IOException {

        private static final long serialVersionUID = 1L;

        ProviderFailure(String message) {
            super(message);
        }
    }

    static Stream<IOException> quoting() {
        String secret =
                "signing refused for Bearer sk-aisa-SECRET-0001, body {\"state\":\"st-SECRET\"}";
        return Stream.of(
                new IOException(secret), new ProviderFailure(secret), new EOFException(secret));
    }

    @ParameterizedTest
    @MethodSource("quoting")
    void onlyTheTypeOfAnyOtherIoExceptionReachesTheCaller(IOException io) {
        XLinkUnavailableException e = AisaGateway.unavailable(new ProcessingException(io));

        assertThat(e.getMessage()).startsWith("AISAX013:").doesNotContain("SECRET");
        assertThat(e.getCause())
                .hasMessage(io.getClass().getName() + " (message not shown)")
                .hasNoCause();
    }
}
