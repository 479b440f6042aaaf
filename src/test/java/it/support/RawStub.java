package it.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

/**
 * A deliberately small HTTP/1.1 server on a {@link ServerSocket} bound to 127.0.0.1, for faults
 * that a well-behaved HTTP stub cannot produce: bodies cut short, resets, silence, garbage, bodies
 * dripped byte by byte or far too large. It lives in the client JVM (its types never enter a
 * deployment); tests in Liberty script it over its control API on the same port ({@link
 * RawStubAdmin}):
 *
 * <ul>
 *   <li>{@code POST /__raw/reset}: forgets the script, the counters and the recorded requests, and
 *       closes every connection that carried an API request; with {@code ?idle=keep} it spares
 *       connections waiting idle for their next request, so a client's keep-alive pool stays valid.
 *   <li>{@code POST /__raw/script}: a JSON array of behaviours (or {@code {"steps":[...],
 *       "cycle":true}}) used in order for requests to {@link #AUTH_PATH}; a step with {@code
 *       "repeat":N} serves N requests, and the last step serves all remaining ones unless the
 *       script cycles. Replaces the script, keeps the counters.
 *   <li>{@code GET /__raw/stats}: connection and request counters as JSON; {@code busy} counts
 *       connections in the middle of a request or behaviour.
 *   <li>{@code GET /__raw/requests}: the recorded requests to {@link #AUTH_PATH}, oldest first.
 * </ul>
 *
 * <p>Behaviours, each a JSON object with {@code "do"}: {@code respond} (status, headers, body),
 * {@code drip} (a body sent a few bytes at a time), {@code cut} (fewer body bytes than declared,
 * then close), {@code reset} (close with an RST), {@code close} (close without answering), {@code
 * hang} (never answer) and {@code garbage} (bytes that are not HTTP, then close). Every wait is
 * bounded: a watchdog closes any connection whose behaviour outlives its deadline, idle connections
 * close after {@link #IDLE_MILLIS}, and at most {@link #MAX_CONNECTIONS} connections are served at
 * once.
 */
public final class RawStub {

    /** The one path the script applies to. */
    public static final String AUTH_PATH = "/apis/v1/twitter/auth_twitter";

    static final String CONTROL_PREFIX = "/__raw/";
    static final int MAX_CONNECTIONS = 64;
    static final int IDLE_MILLIS = 30_000;
    static final int HANG_MAX_SECONDS = 120;
    static final int DRIP_MAX_SECONDS = 30;
    static final int RESPOND_MAX_SECONDS = 60;
    static final int MAX_RECORDED = 5_000;
    static final int MAX_REQUEST_BODY = 1024 * 1024;
    static final int MAX_HEADER_LINE = 16 * 1024;
    static final int MAX_HEADERS = 200;

    private static RawStub instance;

    private final ServerSocket server;
    private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong connectionIds = new AtomicLong();

    private final Object lock = new Object();
    private final AtomicInteger apiAccepted = new AtomicInteger();
    private final AtomicInteger apiOpen = new AtomicInteger();
    private final AtomicInteger apiMaxOpen = new AtomicInteger();
    private final AtomicInteger overLimit = new AtomicInteger();
    private final Map<String, AtomicInteger> requestsByPath = new ConcurrentHashMap<>();
    private final Deque<JsonObject> recorded = new ArrayDeque<>();
    private Script script = Script.NONE;
    private volatile long generation;

    private RawStub() throws IOException {
        server = new ServerSocket(0, 100, InetAddress.getByName("127.0.0.1"));
        daemon("rawstub-accept", this::acceptLoop).start();
        daemon("rawstub-watchdog", this::watchdogLoop).start();
    }

    /** Starts the stub once per JVM and returns its port. */
    public static synchronized int port() {
        if (instance == null) {
            try {
                instance = new RawStub();
            } catch (IOException e) {
                throw new IllegalStateException("raw stub could not bind 127.0.0.1", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "rawstub-stop"));
        }
        return instance.server.getLocalPort();
    }

    /** The configuration lines that point the library at the stub. */
    public static String config() {
        int port = port();
        return "aisa.base-url=http://127.0.0.1:"
                + port
                + "/apis/v1\n"
                + "test.rawstub.port="
                + port
                + "\n";
    }

    private void stop() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        connections.forEach(Connection::close);
    }

    // ---------------------------------------------------------------------------------------
    // Connections

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
                sleepQuietly(10);
                continue;
            }
            if (!slots.tryAcquire()) {
                overLimit.incrementAndGet();
                closeQuietly(socket);
                continue;
            }
            Connection connection = new Connection(socket, connectionIds.incrementAndGet());
            connections.add(connection);
            daemon("rawstub-conn-" + connection.id, connection::serve).start();
        }
    }

    /** Closes connections whose behaviour ran past its deadline: no write blocks for ever. */
    private void watchdogLoop() {
        while (!server.isClosed()) {
            long now = System.nanoTime();
            for (Connection connection : connections) {
                long deadline = connection.deadline;
                if (deadline != 0 && now - deadline > 0) {
                    connection.close();
                }
            }
            sleepQuietly(50);
        }
    }

    private final class Connection {

        final Socket socket;
        final long id;
        volatile long deadline;
        volatile boolean api;
        volatile boolean idle = true;
        volatile boolean closed;

        Connection(Socket socket, long id) {
            this.socket = socket;
            this.id = id;
        }

        void serve() {
            try {
                socket.setSoTimeout(IDLE_MILLIS);
                socket.setTcpNoDelay(true);
                InputStream in = new BufferedInputStream(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                for (int served = 0; served < 100_000 && !closed; served++) {
                    idle = true;
                    Request request = Request.read(in, out);
                    idle = false;
                    if (request == null) {
                        return;
                    }
                    if (!handle(request, in, out)) {
                        return;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the peer went away, the watchdog closed the socket, or the request was not HTTP
            } finally {
                close();
            }
        }

        /** Returns whether the connection stays open for another request. */
        private boolean handle(Request request, InputStream in, OutputStream out)
                throws IOException {
            if (request.path().startsWith(CONTROL_PREFIX)) {
                return control(request, out);
            }
            markApi();
            requestsByPath
                    .computeIfAbsent(request.path(), p -> new AtomicInteger())
                    .incrementAndGet();
            if (!request.path().equals(AUTH_PATH)) {
                Http.respond(
                        out,
                        "HTTP/1.1",
                        404,
                        Map.of("Content-Type", "text/plain"),
                        Body.text("rawstub: no such path"),
                        false,
                        false);
                return request.keepAlive();
            }
            JsonObject behaviour;
            long startedIn;
            synchronized (lock) {
                record(request);
                behaviour = script.next();
                startedIn = generation;
            }
            if (behaviour == null) {
                Http.respond(
                        out,
                        "HTTP/1.1",
                        599,
                        Map.of("Content-Type", "text/plain"),
                        Body.text("rawstub: nothing scripted"),
                        false,
                        false);
                return request.keepAlive();
            }
            return Behaviours.perform(behaviour, this, request, in, out, startedIn);
        }

        private boolean control(Request request, OutputStream out) throws IOException {
            String path = request.path().substring(CONTROL_PREFIX.length());
            JsonValue answer;
            int status = 200;
            try {
                answer =
                        switch (request.method() + " " + path) {
                            case "POST reset" ->
                                    reset(this, request.target().endsWith("?idle=keep"));
                            case "POST script" -> script(request.bodyText());
                            case "GET stats" -> stats();
                            case "GET requests" -> requests();
                            default -> {
                                status = 404;
                                yield Json.createObjectBuilder()
                                        .add("error", "unknown control " + request.path())
                                        .build();
                            }
                        };
            } catch (RuntimeException e) {
                status = 400;
                answer = Json.createObjectBuilder().add("error", String.valueOf(e)).build();
            }
            Http.respond(
                    out,
                    "HTTP/1.1",
                    status,
                    Map.of("Content-Type", "application/json"),
                    Body.text(answer.toString()),
                    false,
                    false);
            return request.keepAlive();
        }

        private void markApi() {
            if (api) {
                return;
            }
            api = true;
            apiAccepted.incrementAndGet();
            int open = apiOpen.incrementAndGet();
            apiMaxOpen.accumulateAndGet(open, Math::max);
        }

        /** Bounds what the connection does next; zero lifts the bound. */
        void deadlineIn(long millis) {
            deadline = millis == 0 ? 0 : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        }

        boolean stale(long startedIn) {
            return closed || generation != startedIn;
        }

        void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            closeQuietly(socket);
            connections.remove(this);
            if (api) {
                apiOpen.decrementAndGet();
            }
            slots.release();
        }

        Socket socket() {
            return socket;
        }
    }

    // ---------------------------------------------------------------------------------------
    // Control

    private JsonValue reset(Connection caller, boolean keepIdle) {
        synchronized (lock) {
            generation++;
            script = Script.NONE;
            recorded.clear();
            requestsByPath.clear();
            apiAccepted.set(0);
            overLimit.set(0);
        }
        for (Connection connection : connections) {
            if (connection != caller && connection.api && !(keepIdle && connection.idle)) {
                connection.close();
            }
        }
        apiMaxOpen.set(apiOpen.get());
        return JsonValue.EMPTY_JSON_OBJECT;
    }

    private JsonValue script(String body) {
        JsonStructure parsed = Json.createReader(new StringReader(body)).read();
        Script next = Script.parse(parsed);
        synchronized (lock) {
            script = next;
        }
        return Json.createObjectBuilder().add("steps", next.size()).build();
    }

    private JsonValue stats() {
        JsonObjectBuilder byPath = Json.createObjectBuilder();
        new TreeMap<>(requestsByPath).forEach((path, count) -> byPath.add(path, count.get()));
        AtomicInteger auth = requestsByPath.get(AUTH_PATH);
        return Json.createObjectBuilder()
                .add(
                        "connections",
                        Json.createObjectBuilder()
                                .add("accepted", apiAccepted.get())
                                .add("open", apiOpen.get())
                                .add("maxOpen", apiMaxOpen.get())
                                .add(
                                        "busy",
                                        connections.stream()
                                                .filter(c -> c.api && !c.idle && !c.closed)
                                                .count())
                                .add("overLimit", overLimit.get()))
                .add("authRequests", auth == null ? 0 : auth.get())
                .add("requestsByPath", byPath)
                .build();
    }

    private JsonValue requests() {
        JsonArrayBuilder all = Json.createArrayBuilder();
        synchronized (lock) {
            recorded.forEach(all::add);
        }
        return all.build();
    }

    private void record(Request request) {
        JsonArrayBuilder headers = Json.createArrayBuilder();
        request.headers()
                .forEach(h -> headers.add(Json.createArrayBuilder().add(h[0]).add(h[1]).build()));
        recorded.addLast(
                Json.createObjectBuilder()
                        .add("method", request.method())
                        .add("target", request.target())
                        .add("headers", headers)
                        .add("body", request.bodyText())
                        .build());
        while (recorded.size() > MAX_RECORDED) {
            recorded.removeFirst();
        }
    }

    // ---------------------------------------------------------------------------------------
    // Script

    /** The behaviours for {@link #AUTH_PATH}, consumed in order. */
    private static final class Script {

        static final Script NONE = new Script(List.of(), false);

        private final List<JsonObject> steps;
        private final boolean cycle;
        private int index;
        private int usedOfCurrent;

        private Script(List<JsonObject> steps, boolean cycle) {
            this.steps = steps;
            this.cycle = cycle;
        }

        static Script parse(JsonStructure json) {
            JsonArray array;
            boolean cycle = false;
            if (json instanceof JsonArray list) {
                array = list;
            } else {
                JsonObject object = json.asJsonObject();
                array = object.getJsonArray("steps");
                cycle = object.getBoolean("cycle", false);
            }
            List<JsonObject> steps = new ArrayList<>();
            for (JsonValue step : array) {
                JsonObject behaviour = step.asJsonObject();
                Behaviours.validate(behaviour);
                steps.add(behaviour);
            }
            return new Script(List.copyOf(steps), cycle);
        }

        int size() {
            return steps.size();
        }

        /** Returns the next behaviour, or null if nothing is scripted. Called under the lock. */
        JsonObject next() {
            if (steps.isEmpty()) {
                return null;
            }
            JsonObject current = steps.get(index);
            usedOfCurrent++;
            int times = current.getInt("repeat", 1);
            if (usedOfCurrent >= times) {
                if (index + 1 < steps.size()) {
                    index++;
                    usedOfCurrent = 0;
                } else if (cycle) {
                    index = 0;
                    usedOfCurrent = 0;
                }
            }
            return current;
        }
    }

    // ---------------------------------------------------------------------------------------
    // Behaviours

    private static final class Behaviours {

        private Behaviours() {}

        static void validate(JsonObject behaviour) {
            String what = behaviour.getString("do", "");
            if (!Set.of("respond", "drip", "cut", "reset", "close", "hang", "garbage")
                    .contains(what)) {
                throw new IllegalArgumentException("unknown behaviour \"" + what + "\"");
            }
            if (behaviour.containsKey("repeat") && behaviour.getInt("repeat") < 1) {
                throw new IllegalArgumentException("repeat must be at least 1");
            }
        }

        /** Carries out one behaviour; returns whether the connection stays open. */
        static boolean perform(
                JsonObject behaviour,
                Connection connection,
                Request request,
                InputStream in,
                OutputStream out,
                long startedIn)
                throws IOException {
            switch (behaviour.getString("do")) {
                case "respond":
                    return respond(behaviour, connection, request, out);
                case "drip":
                    drip(behaviour, connection, in, out, startedIn);
                    return false;
                case "cut":
                    cut(behaviour, connection, out);
                    return false;
                case "reset":
                    connection.socket().setSoLinger(true, 0);
                    connection.close();
                    return false;
                case "close":
                    closeGracefully(connection);
                    return false;
                case "hang":
                    hang(behaviour, connection, in, startedIn);
                    return false;
                case "garbage":
                    connection.deadlineIn(5_000);
                    out.write(garbage(behaviour));
                    out.flush();
                    closeGracefully(connection);
                    return false;
                default:
                    throw new IllegalStateException(behaviour.toString());
            }
        }

        private static boolean respond(
                JsonObject behaviour, Connection connection, Request request, OutputStream out)
                throws IOException {
            connection.deadlineIn(TimeUnit.SECONDS.toMillis(RESPOND_MAX_SECONDS));
            String framing = behaviour.getString("framing", "length");
            boolean closeAfter =
                    framing.equals("close") || behaviour.getBoolean("closeAfter", false);
            Http.respond(
                    out,
                    behaviour.getString("version", "HTTP/1.1"),
                    behaviour.getInt("status", 200),
                    headers(behaviour),
                    Body.of(behaviour),
                    framing.equals("chunked"),
                    framing.equals("close"));
            connection.deadlineIn(0);
            if (closeAfter) {
                closeGracefully(connection);
                return false;
            }
            return request.keepAlive();
        }

        /** Headers with the declared length, then the body a few bytes at a time. */
        private static void drip(
                JsonObject behaviour,
                Connection connection,
                InputStream in,
                OutputStream out,
                long startedIn)
                throws IOException {
            byte[] body = Body.of(behaviour).bytes();
            int bytesPerStep = Math.max(1, behaviour.getInt("bytes", 1));
            long everyMillis = Math.max(1, behaviour.getInt("everyMillis", 100));
            long maxMillis =
                    Math.min(
                            behaviour.getInt("maxSeconds", DRIP_MAX_SECONDS) * 1000L,
                            DRIP_MAX_SECONDS * 1000L);
            connection.deadlineIn(maxMillis + 2_000);
            Map<String, String> headers = headers(behaviour);
            headers.putIfAbsent("Content-Length", Integer.toString(body.length));
            // The connection ends with the body: a client must not pool it.
            headers.putIfAbsent("Connection", "close");
            Http.head(out, "HTTP/1.1", behaviour.getInt("status", 200), headers);
            out.flush();
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
            for (int sent = 0; sent < body.length; sent += bytesPerStep) {
                if (connection.stale(startedIn) || System.nanoTime() - end > 0) {
                    break;
                }
                out.write(body, sent, Math.min(bytesPerStep, body.length - sent));
                out.flush();
                if (sent + bytesPerStep < body.length
                        && !waitForPeer(connection, in, everyMillis)) {
                    break;
                }
            }
            closeGracefully(connection);
        }

        /** Declares more body than it sends, then closes: the answer ends mid-body. */
        private static void cut(JsonObject behaviour, Connection connection, OutputStream out)
                throws IOException {
            connection.deadlineIn(10_000);
            byte[] body = Body.of(behaviour).bytes();
            int send = Math.min(body.length, behaviour.getInt("send", body.length / 2));
            Map<String, String> headers = headers(behaviour);
            if (behaviour.getBoolean("chunked", false)) {
                headers.put("Transfer-Encoding", "chunked");
                Http.head(out, "HTTP/1.1", behaviour.getInt("status", 200), headers);
                out.write(
                        (Integer.toHexString(body.length) + "\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                out.write(body, 0, send);
            } else {
                int declared = behaviour.getInt("contentLength", body.length);
                if (declared <= send) {
                    throw new IllegalArgumentException("cut must declare more than it sends");
                }
                headers.put("Content-Length", Integer.toString(declared));
                Http.head(out, "HTTP/1.1", behaviour.getInt("status", 200), headers);
                out.write(body, 0, send);
            }
            out.flush();
            closeGracefully(connection);
        }

        /**
         * Waits while watching the connection; returns false as soon as the peer has closed it, so
         * that a client giving up is seen at once rather than at the next write.
         */
        private static boolean waitForPeer(Connection connection, InputStream in, long millis)
                throws IOException {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            byte[] sink = new byte[4096];
            for (long left = millis; left > 0; ) {
                connection.socket().setSoTimeout((int) Math.max(1, Math.min(left, 200)));
                try {
                    if (in.read(sink) < 0) {
                        return false;
                    }
                } catch (SocketTimeoutException e) {
                    // still there
                }
                left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
            }
            return true;
        }

        /** Reads nothing more and answers nothing until reset, the peer leaves, or the limit. */
        private static void hang(
                JsonObject behaviour, Connection connection, InputStream in, long startedIn)
                throws IOException {
            long maxMillis =
                    Math.min(behaviour.getInt("maxSeconds", HANG_MAX_SECONDS), HANG_MAX_SECONDS)
                            * 1000L;
            connection.deadlineIn(maxMillis + 1_000);
            connection.socket().setSoTimeout(200);
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
            byte[] sink = new byte[4096];
            while (!connection.stale(startedIn) && System.nanoTime() - end < 0) {
                try {
                    if (in.read(sink) < 0) {
                        break;
                    }
                } catch (SocketTimeoutException e) {
                    // still there: keep waiting
                }
            }
            connection.close();
        }

        private static byte[] garbage(JsonObject behaviour) {
            if (behaviour.containsKey("text")) {
                return behaviour.getString("text").getBytes(StandardCharsets.ISO_8859_1);
            }
            byte[] bytes = new byte[512];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (i * 73 + 11);
            }
            return bytes;
        }

        private static Map<String, String> headers(JsonObject behaviour) {
            Map<String, String> headers = new LinkedHashMap<>();
            JsonObject given = behaviour.getJsonObject("headers");
            if (given != null) {
                given.forEach((name, value) -> headers.put(name, text(value)));
            }
            if (behaviour.containsKey("json")) {
                headers.putIfAbsent("Content-Type", "application/json");
            }
            return headers;
        }

        private static void closeGracefully(Connection connection) {
            try {
                connection.socket().shutdownOutput();
            } catch (IOException e) {
                // closing anyway
            }
            connection.close();
        }
    }

    /**
     * A response body: literal text, a JSON value ({@code "json"}), or a repeated unit that is
     * streamed and never built in memory ({@code "body":{"repeat":"x","times":N}}). {@code
     * "padTo":N} appends spaces up to N bytes.
     */
    private record Body(byte[] prefix, byte[] unit, long times, long padding) {

        static Body text(String text) {
            return new Body(text.getBytes(StandardCharsets.UTF_8), new byte[0], 0, 0);
        }

        static Body of(JsonObject behaviour) {
            Body body;
            JsonValue given = behaviour.get("body");
            if (behaviour.containsKey("json")) {
                body = text(behaviour.get("json").toString());
            } else if (given == null || given.getValueType() == JsonValue.ValueType.NULL) {
                body = text("");
            } else if (given instanceof JsonString string) {
                body = text(string.getString());
            } else {
                JsonObject repeat = given.asJsonObject();
                body =
                        new Body(
                                repeat.getString("prefix", "").getBytes(StandardCharsets.UTF_8),
                                repeat.getString("repeat").getBytes(StandardCharsets.UTF_8),
                                repeat.getJsonNumber("times").longValue(),
                                0);
            }
            if (behaviour.containsKey("padTo")) {
                long padTo = behaviour.getJsonNumber("padTo").longValue();
                body = new Body(body.prefix, body.unit, body.times, padTo - body.length());
                if (body.padding < 0) {
                    throw new IllegalArgumentException("body is longer than padTo");
                }
            }
            return body;
        }

        long length() {
            return prefix.length + (long) unit.length * times + padding;
        }

        /** The whole body in memory; only for the small bodies of drip and cut. */
        byte[] bytes() {
            if (length() > MAX_REQUEST_BODY) {
                throw new IllegalArgumentException("body too large for this behaviour");
            }
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            try {
                writeTo(all);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return all.toByteArray();
        }

        void writeTo(OutputStream out) throws IOException {
            out.write(prefix);
            if (times > 0 && unit.length > 0) {
                int perBlock = Math.max(1, 64 * 1024 / unit.length);
                byte[] block = new byte[perBlock * unit.length];
                for (int i = 0; i < perBlock; i++) {
                    System.arraycopy(unit, 0, block, i * unit.length, unit.length);
                }
                long left = times;
                while (left > 0) {
                    int now = (int) Math.min(left, perBlock);
                    out.write(block, 0, now * unit.length);
                    left -= now;
                }
            }
            byte[] spaces = new byte[8192];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (long left = padding; left > 0; left -= spaces.length) {
                out.write(spaces, 0, (int) Math.min(left, spaces.length));
            }
        }
    }

    // ---------------------------------------------------------------------------------------
    // HTTP

    private static final class Http {

        private Http() {}

        static void head(OutputStream out, String version, int status, Map<String, String> headers)
                throws IOException {
            StringBuilder head = new StringBuilder();
            head.append(version).append(' ').append(status).append(' ').append(reason(status));
            head.append("\r\n");
            headers.forEach(
                    (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            head.append("\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        }

        static void respond(
                OutputStream out,
                String version,
                int status,
                Map<String, String> given,
                Body body,
                boolean chunked,
                boolean closeDelimited)
                throws IOException {
            Map<String, String> headers = new LinkedHashMap<>(given);
            if (chunked) {
                headers.put("Transfer-Encoding", "chunked");
                head(out, version, status, headers);
                body.writeTo(new Chunks(out));
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } else {
                boolean bodyless = status < 200 || status == 204 || status == 304;
                if (closeDelimited) {
                    headers.put("Connection", "close");
                } else if (!bodyless
                        && headers.keySet().stream()
                                .noneMatch(name -> name.equalsIgnoreCase("Content-Length"))) {
                    headers.put("Content-Length", Long.toString(body.length()));
                }
                head(out, version, status, headers);
                body.writeTo(out);
            }
            out.flush();
        }

        static String reason(int status) {
            return switch (status) {
                case 200 -> "OK";
                case 201 -> "Created";
                case 204 -> "No Content";
                case 302 -> "Found";
                case 400 -> "Bad Request";
                case 401 -> "Unauthorized";
                case 403 -> "Forbidden";
                case 404 -> "Not Found";
                case 429 -> "Too Many Requests";
                case 500 -> "Internal Server Error";
                case 502 -> "Bad Gateway";
                case 503 -> "Service Unavailable";
                case 504 -> "Gateway Timeout";
                default -> "Status";
            };
        }
    }

    /** Writes everything it is given as HTTP chunks, one per write call. */
    private static final class Chunks extends OutputStream {

        private final OutputStream out;

        Chunks(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) {
                return;
            }
            out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes, offset, length);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** One parsed request. Header names keep their spelling; lookups ignore case. */
    private record Request(
            String method, String target, String version, List<String[]> headers, byte[] body) {

        String path() {
            int query = target.indexOf('?');
            return query < 0 ? target : target.substring(0, query);
        }

        String header(String name) {
            for (String[] header : headers) {
                if (header[0].equalsIgnoreCase(name)) {
                    return header[1];
                }
            }
            return null;
        }

        boolean keepAlive() {
            String connection = header("Connection");
            if (connection != null && connection.toLowerCase(Locale.ROOT).contains("close")) {
                return false;
            }
            return !version.equals("HTTP/1.0")
                    || (connection != null
                            && connection.toLowerCase(Locale.ROOT).contains("keep-alive"));
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** Reads one request; returns null at a clean end of the connection. */
        static Request read(InputStream in, OutputStream out) throws IOException {
            String line = line(in);
            while (line != null && line.isEmpty()) {
                line = line(in);
            }
            if (line == null) {
                return null;
            }
            String[] parts = line.split(" ");
            if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP/1.x request line");
            }
            List<String[]> headers = new ArrayList<>();
            for (String header = line(in); ; header = line(in)) {
                if (header == null) {
                    throw new IOException("connection ended inside the headers");
                }
                if (header.isEmpty()) {
                    break;
                }
                int colon = header.indexOf(':');
                if (colon <= 0 || headers.size() >= MAX_HEADERS) {
                    throw new IOException("malformed header");
                }
                headers.add(
                        new String[] {
                            header.substring(0, colon), header.substring(colon + 1).strip()
                        });
            }
            Request request = new Request(parts[0], parts[1], parts[2], headers, new byte[0]);
            String expect = request.header("Expect");
            if (expect != null && expect.equalsIgnoreCase("100-continue")) {
                out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            byte[] body;
            String encoding = request.header("Transfer-Encoding");
            String length = request.header("Content-Length");
            if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
                body = chunked(in);
            } else if (length != null) {
                long declared = Long.parseLong(length.strip());
                if (declared < 0 || declared > MAX_REQUEST_BODY) {
                    throw new IOException("request body too large");
                }
                body = in.readNBytes((int) declared);
                if (body.length != declared) {
                    throw new IOException("connection ended inside the body");
                }
            } else {
                body = new byte[0];
            }
            return new Request(parts[0], parts[1], parts[2], headers, body);
        }

        private static byte[] chunked(InputStream in) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String size = line(in);
                if (size == null) {
                    throw new IOException("connection ended inside a chunk size");
                }
                int semicolon = size.indexOf(';');
                int n =
                        Integer.parseInt(
                                (semicolon < 0 ? size : size.substring(0, semicolon)).strip(), 16);
                if (n == 0) {
                    for (String trailer = line(in); trailer != null && !trailer.isEmpty(); ) {
                        trailer = line(in);
                    }
                    return body.toByteArray();
                }
                if (body.size() + n > MAX_REQUEST_BODY) {
                    throw new IOException("request body too large");
                }
                byte[] chunk = in.readNBytes(n);
                if (chunk.length != n) {
                    throw new IOException("connection ended inside a chunk");
                }
                body.write(chunk);
                line(in);
            }
        }

        /** Reads a CRLF- (or LF-) terminated line; null at end of stream before any byte. */
        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (true) {
                int b = in.read();
                if (b < 0) {
                    if (line.size() == 0) {
                        return null;
                    }
                    throw new IOException("connection ended inside a line");
                }
                if (b == '\n') {
                    break;
                }
                if (line.size() >= MAX_HEADER_LINE) {
                    throw new IOException("line too long");
                }
                line.write(b);
            }
            String text = line.toString(StandardCharsets.ISO_8859_1);
            return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        }
    }

    // ---------------------------------------------------------------------------------------

    private static String text(JsonValue value) {
        if (value instanceof JsonString string) {
            return string.getString();
        }
        if (value instanceof JsonNumber number) {
            return number.toString();
        }
        return value.toString();
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
