package one.aisa.xlink.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import one.aisa.xlink.bench.app.StubAnswer;

/**
 * The loopback stand-in for AIsa: answers every {@code POST .../twitter/auth_twitter} with 200 and
 * {@link StubAnswer}'s body, each with a state of its own (the linker refuses a state already
 * pending). Bound to 127.0.0.1 on a free port; four worker threads; TCP_NODELAY.
 */
final class Stub implements AutoCloseable {

    static final String BASE_PATH = "/apis/v1";

    private final HttpServer server;
    private final ExecutorService workers;
    private final AtomicLong counter = new AtomicLong();
    private final String run;

    Stub(String run) throws IOException {
        // The JDK server writes headers and body separately: without TCP_NODELAY, Nagle's algorithm
        // and the client's delayed ACK hold every answer for about 40 ms.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.run = run;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        workers =
                Executors.newFixedThreadPool(
                        4,
                        task -> {
                            Thread thread = new Thread(task, "stub");
                            thread.setDaemon(true);
                            return thread;
                        });
        server.setExecutor(workers);
        server.createContext(BASE_PATH + "/twitter/auth_twitter", this::answer);
        server.start();
    }

    /** Returns the base URL to configure as {@code aisa.base-url}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + BASE_PATH;
    }

    /** Returns how many answers were given. */
    long answers() {
        return counter.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            try (InputStream in = exchange.getRequestBody()) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = StubAnswer.body(StubAnswer.state(run, counter.incrementAndGet()));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        server.stop(0);
        workers.shutdownNow();
        workers.awaitTermination(5, TimeUnit.SECONDS);
    }
}
