package it.support;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Reads the test server's {@code messages.log} from the client JVM. */
public final class ServerLog {

    private final Path file;

    private ServerLog(Path file) {
        this.file = file;
    }

    /** The log of the server named by the failsafe system properties. */
    public static ServerLog fromSystemProperties() {
        return new ServerLog(
                Path.of(
                        System.getProperty("liberty.wlp.home"),
                        "usr/servers",
                        System.getProperty("liberty.server.name"),
                        "logs/messages.log"));
    }

    public long size() throws IOException {
        return Files.exists(file) ? Files.size(file) : 0;
    }

    /** Returns what was written after {@code offset}. */
    public String since(long offset) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length <= offset) {
                return "";
            }
            byte[] bytes = new byte[(int) (length - offset)];
            in.seek(offset);
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /**
     * Waits until text containing {@code marker} appears after {@code offset}, and returns the
     * whole log entry (it may span lines), or fails after the timeout.
     */
    public String awaitLine(long offset, String marker, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String text = since(offset);
            int at = text.indexOf(marker);
            if (at >= 0) {
                int start = text.lastIndexOf("\n[", at) + 1;
                int end = text.indexOf("\n[", at);
                return text.substring(start, end < 0 ? text.length() : end);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "no \"" + marker + "\" in messages.log within " + timeout + ":\n" + text);
            }
            Thread.sleep(100);
        }
    }
}
