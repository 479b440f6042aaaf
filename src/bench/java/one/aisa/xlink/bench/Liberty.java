package one.aisa.xlink.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark's own Liberty server (created by the build from {@code server-config/}): deploys
 * one war at the root through the server's optional {@code app.xml}, starts it with {@code server
 * run}, and stops it by its process id ({@code server stop} only for a server of the same name an
 * earlier run left running). Never touches another server.
 */
final class Liberty {

    private static final Pattern APP_STARTED =
            Pattern.compile("CWWKZ0001I: Application \\S+ started in ([0-9]+[.][0-9]+) seconds");
    private static final Duration START_LIMIT = Duration.ofSeconds(180);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(120);

    private final Path wlp;
    private final String server;
    private final int port;
    private final Path log;
    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(1))
                    .build();
    private Process running;
    private boolean closed;
    private long logOffset;

    Liberty(Path wlp, String server, int port, Path log) {
        this.wlp = wlp;
        this.server = server;
        this.port = port;
        this.log = log;
    }

    /** Returns the Open Liberty version of the runtime. */
    String version() throws IOException {
        Properties properties = new Properties();
        try (var in = Files.newInputStream(wlp.resolve("lib/versions/openliberty.properties"))) {
            properties.load(in);
        }
        return properties.getProperty("com.ibm.websphere.productVersion", "?");
    }

    /** Makes the war the server's only application, at {@code /}. */
    void deploy(Path war) throws IOException {
        Files.writeString(
                wlp.resolve("usr/servers").resolve(server).resolve("app.xml"),
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        + "<!-- Written by the benchmark driver before each start. -->\n"
                        + "<server>\n"
                        + "    <webApplication id=\"bench-app\" name=\"bench-app\" location=\""
                        + war.toAbsolutePath()
                        + "\" contextRoot=\"/\"/>\n"
                        + "</server>\n");
    }

    /**
     * Starts the server and waits until {@code path} answers 200.
     *
     * @return nanoseconds from launching {@code server run} to the first 200
     */
    long start(Map<String, String> environment, String path) throws Exception {
        if (current() != null) {
            throw new IllegalStateException("the server is already running");
        }
        if (portAnswers()) {
            throw new IllegalStateException(
                    "something already listens on 127.0.0.1:"
                            + port
                            + "; choose another -Dbench.http.port");
        }
        ProcessBuilder builder =
                new ProcessBuilder(wlp.resolve("bin/server").toString(), "run", server)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        logOffset = Files.exists(log) ? Files.size(log) : 0;
        long begin = System.nanoTime();
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the driver is stopping");
            }
            running = builder.start();
        }
        URI uri = URI.create("http://127.0.0.1:" + port + path);
        long limit = begin + START_LIMIT.toNanos();
        while (!answers200(uri)) {
            if (System.nanoTime() - limit > 0) {
                throw new IllegalStateException(path + " did not answer 200 in " + START_LIMIT);
            }
            Process process = current();
            if (process == null || !process.isAlive()) {
                throw new IllegalStateException("server run " + server + " ended");
            }
            Thread.sleep(5);
        }
        return System.nanoTime() - begin;
    }

    /**
     * Returns how long Liberty says the last started application took to start (its message
     * CWWKZ0001I), in milliseconds, or -1 if the console log does not say.
     */
    long applicationStartMillis() throws IOException {
        byte[] all = Files.readAllBytes(log);
        String text =
                new String(
                        all,
                        (int) Math.min(logOffset, all.length),
                        all.length - (int) Math.min(logOffset, all.length),
                        java.nio.charset.StandardCharsets.UTF_8);
        Matcher matcher = APP_STARTED.matcher(text);
        return matcher.find() ? Math.round(Double.parseDouble(matcher.group(1)) * 1000) : -1;
    }

    /** Returns the server JVM's process id ({@code server run} execs the JVM). */
    long pid() {
        return current().pid();
    }

    private synchronized Process current() {
        return running;
    }

    /** Stops the server, if running, and refuses to start it again: for the shutdown hook. */
    void close() throws InterruptedException {
        synchronized (this) {
            closed = true;
        }
        stop();
    }

    /** Stops the server this driver started, by its process id, and waits until it is gone. */
    void stop() throws InterruptedException {
        Process process;
        synchronized (this) {
            process = running;
            running = null;
        }
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS);
            throw new IllegalStateException("server " + server + " did not stop on SIGTERM");
        }
    }

    /** Stops, with {@code server stop}, a server of this name left running by an earlier run. */
    void stopLeftover() throws IOException, InterruptedException {
        Process status =
                new ProcessBuilder(wlp.resolve("bin/server").toString(), "status", server)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start();
        if (status.waitFor(60, TimeUnit.SECONDS) && status.exitValue() == 0) {
            Process stop =
                    new ProcessBuilder(wlp.resolve("bin/server").toString(), "stop", server)
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                            .start();
            if (!stop.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("server stop " + server + " did not return");
            }
        }
    }

    /** Sends a POST to the running server and returns the body; fails on any status but 200. */
    String post(String pathAndQuery, Duration timeout) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + port + pathAndQuery))
                                .timeout(timeout)
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            String body = response.body();
            throw new IllegalStateException(
                    pathAndQuery
                            + " answered "
                            + response.statusCode()
                            + ": "
                            + body.substring(0, Math.min(body.length(), 500)));
        }
        return response.body();
    }

    private boolean answers200(URI uri) {
        try {
            return http.send(
                                    HttpRequest.newBuilder(uri)
                                            .timeout(Duration.ofSeconds(2))
                                            .GET()
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean portAnswers() {
        try (var socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
