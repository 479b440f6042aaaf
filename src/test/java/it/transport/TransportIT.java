package it.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import jakarta.enterprise.inject.spi.CDI;

import org.eclipse.microprofile.config.ConfigProvider;

import it.support.Answers;
import it.support.Deployments;
import one.aisa.xlink.XAccountLinker;
import one.aisa.xlink.XLink;
import one.aisa.xlink.XLinkConfigException;
import one.aisa.xlink.XLinkUnavailableException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.asset.FileAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The Rest Client's transport keys, each against a server of the test's own on 127.0.0.1: a trust
 * store on the class path lets the linker trust AIsa's certificate, a handshake with an untrusted
 * certificate fails with advice on the trust store, a configured hostname verifier has the last
 * word, a key store answers a server that asks for a client certificate, a store that cannot be
 * read is a configuration problem, and a configured proxy carries every request. Each application
 * gets its ports at deployment; its test starts the server on them and stops it.
 */
@ExtendWith(ArquillianExtension.class)
public class TransportIT {

    static final String KEY = "sk-aisa-TESTKEY-transport-0012";
    static final String EXPIRES = "2030-01-01T00:00:00Z";
    static final String AUTH_REQUEST = "/apis/v1/twitter/auth_twitter HTTP/1.1";

    @Deployment(name = "trusted")
    public static WebArchive trusted() {
        return tlsApp("transport-trusted", trustStore());
    }

    @Deployment(name = "untrusted")
    public static WebArchive untrusted() {
        return tlsApp("transport-untrusted", "");
    }

    @Deployment(name = "verifier")
    public static WebArchive verifier() {
        return tlsApp(
                "transport-verifier",
                trustStore()
                        + "aisa/mp-rest/hostnameVerifier="
                        + RefusingVerifier.class.getName()
                        + "\n");
    }

    @Deployment(name = "client-certificate")
    public static WebArchive clientCertificate() {
        return tlsApp(
                "transport-client-certificate",
                trustStore()
                        + "aisa/mp-rest/keyStore=classpath:/"
                        + TestCertificates.CLIENT_KEYS
                        + "\naisa/mp-rest/keyStorePassword="
                        + TestCertificates.PASSWORD
                        + "\naisa/mp-rest/keyStoreType=PKCS12\n");
    }

    @Deployment(name = "missing-store")
    public static WebArchive missingStore() {
        return tlsApp(
                "transport-missing-store",
                "aisa/mp-rest/trustStore=classpath:/it-transport/missing.p12\n"
                        + "aisa/mp-rest/trustStorePassword="
                        + TestCertificates.PASSWORD
                        + "\n");
    }

    @Deployment(name = "proxied")
    public static WebArchive proxied() {
        int proxy = freePort();
        int nothingListens = freePort();
        return Deployments.app(
                "transport-proxied",
                "aisa.api-key="
                        + KEY
                        + "\naisa.base-url=http://127.0.0.1:"
                        + nothingListens
                        + "/apis/v1\naisa/mp-rest/proxyAddress=127.0.0.1:"
                        + proxy
                        + "\naisa.retry.max-attempts=1\nit.transport.port="
                        + proxy
                        + "\nit.transport.target="
                        + nothingListens
                        + "\n",
                TransportIT.class,
                LoopbackServer.class);
    }

    private static WebArchive tlsApp(String name, String transport) {
        int port = freePort();
        return Deployments.app(
                        name,
                        "aisa.api-key="
                                + KEY
                                + "\naisa.base-url=https://127.0.0.1:"
                                + port
                                + "/apis/v1\naisa.retry.max-attempts=1\nit.transport.port="
                                + port
                                + "\n"
                                + transport,
                        TransportIT.class,
                        LoopbackServer.class,
                        RefusingVerifier.class,
                        TestCertificates.class)
                .addAsResource(
                        new FileAsset(TestCertificates.stubKeys().toFile()),
                        TestCertificates.STUB_KEYS)
                .addAsResource(
                        new FileAsset(TestCertificates.trust().toFile()), TestCertificates.TRUST)
                .addAsResource(
                        new FileAsset(TestCertificates.clientKeys().toFile()),
                        TestCertificates.CLIENT_KEYS)
                .addAsResource(
                        new FileAsset(TestCertificates.stubTrust().toFile()),
                        TestCertificates.STUB_TRUST);
    }

    private static String trustStore() {
        return "aisa/mp-rest/trustStore=classpath:/"
                + TestCertificates.TRUST
                + "\naisa/mp-rest/trustStorePassword="
                + TestCertificates.PASSWORD
                + "\naisa/mp-rest/trustStoreType=PKCS12\n";
    }

    @Test
    @OperateOnDeployment("trusted")
    void aTrustStoreOnTheClassPathLetsTheLinkerTrustAisa() throws Exception {
        try (LoopbackServer aisa = tls("st-tls-trusted")) {
            XLink link = linker().requestLink();

            assertThat(link.state()).isEqualTo("st-tls-trusted");
            assertThat(aisa.requestLines()).containsExactly("POST " + AUTH_REQUEST);
            linker().cancel(link.state());
        }
    }

    @Test
    @OperateOnDeployment("untrusted")
    void anUntrustedCertificateFailsWithAdviceOnTheTrustStore() throws Exception {
        try (LoopbackServer aisa = tls("st-tls-untrusted")) {
            XLinkUnavailableException e =
                    failure(XLinkUnavailableException.class, "a refused certificate");
            assertThat(e.getMessage())
                    .startsWith(
                            "AISAX009: the TLS handshake with AIsa failed (SSLHandshakeException)")
                    .contains("aisa/mp-rest/trustStore")
                    .doesNotContain(KEY);
            assertThat(aisa.requestLines()).as("requests read by the server").isEmpty();
            assertThat(aisa.failedConnections()).as("handshakes the server saw fail").isNotEmpty();
            assertThat(linker().pendingLinks()).isEmpty();
        }
    }

    @Test
    @OperateOnDeployment("verifier")
    void theConfiguredHostnameVerifierHasTheLastWord() throws Exception {
        RefusingVerifier.ASKED.clear();
        try (LoopbackServer aisa = tls("st-tls-verifier")) {
            XLinkUnavailableException e =
                    failure(XLinkUnavailableException.class, "a host the verifier refuses");
            assertThat(e.getMessage())
                    .startsWith("AISAX009")
                    .contains("aisa/mp-rest/hostnameVerifier");
            assertThat(RefusingVerifier.ASKED)
                    .as("hosts the verifier was asked about")
                    .contains("127.0.0.1");
            assertThat(aisa.requestLines()).as("requests read by the server").isEmpty();
        }
    }

    @Test
    @OperateOnDeployment("client-certificate")
    void aKeyStoreOnTheClassPathAnswersAisasRequestForAClientCertificate() throws Exception {
        try (LoopbackServer aisa =
                LoopbackServer.tls(
                        port(),
                        Answers.flat("st-tls-client", EXPIRES),
                        TestCertificates.STUB_KEYS,
                        TestCertificates.STUB_TRUST,
                        TestCertificates.PASSWORD)) {
            XLink link = linker().requestLink();

            assertThat(link.state()).isEqualTo("st-tls-client");
            assertThat(aisa.clientSubjects())
                    .as("client certificates the server was shown")
                    .containsExactly(TestCertificates.CLIENT_SUBJECT);
            linker().cancel(link.state());
        }
    }

    @Test
    @OperateOnDeployment("missing-store")
    void aStoreThatCannotBeReadIsAConfigurationProblemOfTheFirstCall() throws Exception {
        try (LoopbackServer aisa = tls("st-tls-missing")) {
            XLinkConfigException e =
                    failure(XLinkConfigException.class, "an unreadable trust store");
            assertThat(e.getMessage())
                    .startsWith("AISAX001: aisa-x-link is not configured correctly (1 problem)")
                    .contains(
                            "aisa/mp-rest/trustStore (env AISA_MP_REST_TRUSTSTORE)"
                                    + " (classpath:/it-transport/missing.p12, type JKS) could not"
                                    + " be read with its password and type: FileNotFoundException")
                    .doesNotContain(TestCertificates.PASSWORD);
            assertThat(aisa.requestLines()).as("requests read by the server").isEmpty();
            assertThat(aisa.failedConnections()).as("connections the server saw").isEmpty();
        }
    }

    @Test
    @OperateOnDeployment("proxied")
    void everyRequestGoesThroughTheConfiguredProxy() throws Exception {
        int target = ConfigProvider.getConfig().getValue("it.transport.target", Integer.class);
        try (LoopbackServer proxy =
                LoopbackServer.plain(port(), Answers.flat("st-proxied", EXPIRES))) {
            XLink link = linker().requestLink();

            assertThat(link.state()).isEqualTo("st-proxied");
            assertThat(proxy.requestLines())
                    .as("requests the proxy received, for a base URL where nothing listens")
                    .containsExactly("POST http://127.0.0.1:" + target + AUTH_REQUEST);
            linker().cancel(link.state());
        }
    }

    private static LoopbackServer tls(String state) throws Exception {
        return LoopbackServer.tls(
                port(),
                Answers.flat(state, EXPIRES),
                TestCertificates.STUB_KEYS,
                TestCertificates.PASSWORD);
    }

    /** The failure of {@code requestLink}, which must be a {@code type}. */
    private static <T extends Throwable> T failure(Class<T> type, String cause) {
        T e = catchThrowableOfType(type, linker()::requestLink);
        assertThat(e).as("%s is %s", cause, type.getSimpleName()).isNotNull();
        return e;
    }

    private static XAccountLinker linker() {
        return CDI.current().select(XAccountLinker.class).get();
    }

    private static int port() {
        return ConfigProvider.getConfig().getValue("it.transport.port", Integer.class);
    }

    /** A port that was free a moment ago on 127.0.0.1; the test binds it again. */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
