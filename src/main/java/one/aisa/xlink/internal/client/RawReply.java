package one.aisa.xlink.internal.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.ws.rs.core.Response;

/**
 * An answer from AIsa as it arrived: status, the headers the module reads, and the body bytes.
 *
 * @param status the HTTP status
 * @param headers the headers the module reads, by lower-case name
 * @param body the body, at most the read limit
 * @param truncated whether the body was longer than the read limit
 */
public record RawReply(int status, Map<String, String> headers, byte[] body, boolean truncated) {

    /** Headers kept from a response; everything else is dropped at once. */
    private static final String[] KEPT_HEADERS = {
        "content-type", "retry-after", "x-request-id", "request-id", "x-aisa-request-id"
    };

    public RawReply {
        headers = Map.copyOf(headers);
    }

    /** Returns a header by lower-case name. */
    public Optional<String> header(String lowerCaseName) {
        return Optional.ofNullable(headers.get(lowerCaseName));
    }

    /** Returns the body decoded as UTF-8, replacing malformed input. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * Reads a response's status, the kept headers and at most {@code limit} body bytes, then closes
     * it. A body declared longer than the limit is not read; one that turns out longer is read up
     * to the limit and marked truncated. The deadline is checked after every read, and its expiry
     * aborts the connection, so a body that trickles in cannot hold the call past it; the deadline
     * is told before each read, so that its expiry is scheduled where a read could outlast it.
     * Whatever ends the reading early aborts the connection rather than draining it.
     *
     * @throws IOException if the body ends early, the connection fails, or the deadline passes
     */
    static RawReply read(Response response, int limit, Deadline deadline) throws IOException {
        AutoCloseable abort = () -> ConnectionAbort.abortAndClose(response);
        deadline.abortOnExpiry(abort);
        boolean complete = false;
        try {
            Map<String, String> headers = new TreeMap<>();
            for (String name : KEPT_HEADERS) {
                String value = response.getHeaderString(name);
                if (value != null) {
                    headers.put(name, value);
                }
            }
            int status = response.getStatus();
            if (response.getLength() > limit) {
                return new RawReply(status, headers, new byte[0], true);
            }
            if (!response.hasEntity()) {
                complete = true;
                return new RawReply(status, headers, new byte[0], false);
            }
            // Never closed directly: closing the stream would drain the rest of the body, while
            // closing the response (below) aborts a connection that was not read to its end.
            InputStream in = response.readEntity(InputStream.class);
            int declared = response.getLength();
            int expected = declared >= 0 ? declared : Math.min(limit, 4096);
            ByteArrayOutputStream body = new ByteArrayOutputStream(expected);
            // Sized to the declared length where there is one (plus one byte to see the end).
            byte[] buffer = new byte[Math.min(expected + 1, 8192)];
            int read;
            while ((read = readSome(in, buffer, deadline)) >= 0) {
                if (deadline.passed()) {
                    throw new DeadlinePassed();
                }
                if (body.size() + read > limit) {
                    body.write(buffer, 0, limit - body.size());
                    return new RawReply(status, headers, body.toByteArray(), true);
                }
                body.write(buffer, 0, read);
            }
            complete = true;
            return new RawReply(status, headers, body.toByteArray(), false);
        } catch (IOException | RuntimeException e) {
            if (deadline.passed() && !(e instanceof DeadlinePassed)) {
                throw new DeadlinePassed();
            }
            throw e;
        } finally {
            deadline.release(abort);
            if (complete) {
                response.close();
            } else {
                ConnectionAbort.abortAndClose(response);
            }
        }
    }

    /**
     * Reads more of the body, with the deadline's expiry scheduled if this read could outlast it.
     */
    private static int readSome(InputStream in, byte[] buffer, Deadline deadline)
            throws IOException {
        deadline.beforeRead();
        return in.read(buffer);
    }

    /** The request's deadline passed while the answer was arriving. */
    static final class DeadlinePassed extends IOException {
        private static final long serialVersionUID = 1L;

        DeadlinePassed() {
            super("the call deadline passed while the answer was arriving");
        }
    }

    /** Describes the reply without its body, which may echo secrets. */
    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "RawReply[status=%d, bodyBytes=%d, truncated=%b]",
                status,
                body.length,
                truncated);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RawReply that
                && status == that.status
                && truncated == that.truncated
                && headers.equals(that.headers)
                && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return 31 * status + Arrays.hashCode(body);
    }
}
