package it.linker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import jakarta.inject.Inject;

import it.support.Deployments;
import one.aisa.xlink.XAccountLinker;
import one.aisa.xlink.XLinkUnavailableException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A base URL on a loopback port where nothing listens: the caller learns it could not connect. */
@ExtendWith(ArquillianExtension.class)
public class RefusedConnectionIT {

    @Deployment
    public static WebArchive app() {
        return Deployments.app(
                "refused",
                "aisa.api-key=sk-aisa-TESTKEY-refused-0005\n"
                        + "aisa.base-url=http://127.0.0.1:"
                        + closedPort()
                        + "/apis/v1\n",
                RefusedConnectionIT.class);
    }

    @Inject XAccountLinker linker;

    @Test
    void refusedConnectionIsUnavailableAndRetryable() {
        XLinkUnavailableException e =
                catchThrowableOfType(XLinkUnavailableException.class, linker::requestLink);

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith("AISAX011").contains("aisa.base-url");
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.httpStatus()).isEmpty();
        assertThat(e.getCause()).isInstanceOf(IOException.class);
        assertThat(linker.pendingLinks()).isEmpty();
    }

    /** A port that was free a moment ago on 127.0.0.1 and has nothing listening now. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
