package it.support;

import com.github.tomakehurst.wiremock.WireMockServer;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A WireMock server in the client JVM, bound to 127.0.0.1 on a free port, which tests running in
 * Liberty drive through its HTTP admin API ({@link StubAdmin}). Its types never enter a deployment.
 */
public final class Stub {

    private static WireMockServer server;

    private Stub() {}

    /** Starts the stub once per JVM and returns its port. */
    public static synchronized int port() {
        if (server == null) {
            server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "stub-stop"));
        }
        return server.port();
    }

    /** The configuration lines that point the library at the stub. */
    public static String config() {
        int port = port();
        return "aisa.base-url=http://127.0.0.1:"
                + port
                + "/apis/v1\n"
                + "test.stub.port="
                + port
                + "\n";
    }
}
