package it.support;

import com.github.tomakehurst.wiremock.WireMockServer;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A WireMock server in the client JVM, bound to 127.0.0.1 on a free port, which tests running in
 * Liberty drive through its HTTP admin API ({@link StubAdmin}). Its types never enter a deployment.
 */
public final class Stub {

    /**
     * Jetty threads of the stub; WireMock's default of 25 would queue the load test's 32 callers
     * and its asynchronous requests behind each other.
     */
    private static final int CONTAINER_THREADS = 64;

    private static WireMockServer server;

    private Stub() {}

    /** Starts the stub once per JVM and returns its port. */
    public static synchronized int port() {
        if (server == null) {
            server =
                    new WireMockServer(
                            options()
                                    .bindAddress("127.0.0.1")
                                    .dynamicPort()
                                    .containerThreads(CONTAINER_THREADS));
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
