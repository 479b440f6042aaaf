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
     * it. A body declared longer than the limit is not read at all. The deadline is checked after
     * every read, so a body that trickles in cannot hold the call past it.
     *
     * @throws IOException if the body ends early, the connection fails, or the deadline passes
     */
    static RawReply read(Response response, int limit, Deadline deadline) throws IOException {
        try (response) {
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
                return new RawReply(status, headers, new byte[0], false);
            }
            try (InputStream in = response.readEntity(InputStream.class)) {
                return new RawReply(status, headers, readBounded(in, limit, deadline), false);
            } catch (TooLarge e) {
                return new RawReply(status, headers, new byte[0], true);
            }
        }
    }

    private static byte[] readBounded(InputStream in, int limit, Deadline deadline)
            throws IOException {
        byte[] buffer = new byte[Math.min(limit + 1, 8192)];
        ByteArrayOutputStream body = new ByteArrayOutputStream(Math.min(limit, 4096));
        int read;
        while ((read = in.read(buffer)) >= 0) {
            if (body.size() + read > limit) {
                throw new TooLarge();
            }
            body.write(buffer, 0, read);
            if (deadline.passed()) {
                throw new DeadlinePassed();
            }
        }
        return body.toByteArray();
    }

    /** The body is longer than the limit: stop reading it. */
    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;
    }

    /** The request's deadline passed while the body was still arriving. */
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
