package one.aisa.xlink.internal.client;

import java.io.IOException;
import java.net.ConnectException;
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
                Arguments.of(new IOException("Connection reset"), "AISAX013", "(IOException)"));
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
}
