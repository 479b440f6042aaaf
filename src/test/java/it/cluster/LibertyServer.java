package it.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One Open Liberty server of the cluster test, created, started, killed and stopped through the
 * installation's {@code bin/server}, bound to 127.0.0.1, running one war at {@code /cluster}. Runs
 * in the test JVM.
 */
final class LibertyServer {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Path wlp;
    private final String name;
    private final int port;
    private final Path log;

    LibertyServer(Path wlp, String name, int port, Path logDirectory) {
        this.wlp = wlp;
        this.name = name;
        this.port = port;
        this.log = logDirectory.resolve(name + "-commands.log");
    }

    String name() {
        return name;
    }

    /** (Re)creates the server with this configuration; the war is deployed from where it lies. */
    void create(String serverXml, List<String> jvmOptions) throws Exception {
        Path directory = wlp.resolve("usr/servers").resolve(name);
        if (Files.isDirectory(directory)) {
            stop();
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        run(Duration.ofMinutes(2), "create", name);
        Files.writeString(directory.resolve("server.xml"), serverXml);
        Files.write(directory.resolve("jvm.options"), jvmOptions);
    }

    /** Starts the server and waits until the application answers. */
    void start() throws Exception {
        run(Duration.ofMinutes(3), "start", name);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            try {
                if (get("/cluster/api/health").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        throw new IllegalStateException(name + ": the application did not answer within 2 min");
    }

    /** Kills the server's JVM with SIGKILL, by the PID Liberty recorded, and waits for its end. */
    void kill9() throws Exception {
        long pid = Long.parseLong(Files.readString(pidFile()).strip());
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid)).start();
        if (!kill.waitFor(30, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -9 " + pid + " failed");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " still alive after kill -9");
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /** Stops the server if it runs; never throws. */
    void stop() {
        try {
            run(Duration.ofMinutes(2), "stop", name);
        } catch (Exception e) {
            System.err.println(name + ": stop failed: " + e);
        }
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(uri(path))
                        .timeout(Duration.ofMinutes(2))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .header("Content-Type", "text/plain")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private Path pidFile() {
        return wlp.resolve("usr/servers/.pid").resolve(name + ".pid");
    }

    private void run(Duration timeout, String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(wlp.resolve("bin/server").toString());
        command.addAll(List.of(arguments));
        Files.createDirectories(log.getParent());
        Process process =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " timed out");
        }
        int status = process.exitValue();
        // stop answers 1 when the server was not running; start answers 1 if it already was.
        if (status != 0 && !(arguments[0].equals("stop") && status == 1)) {
            throw new IllegalStateException(
                    String.join(" ", command) + " exited with " + status + "; see " + log);
        }
    }
}
