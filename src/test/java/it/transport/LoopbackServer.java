package it.transport;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A one-thread HTTP/1.1 server on 127.0.0.1, plain or TLS, that answers every request with the same
 * AIsa answer and closes the connection. Records each request line and the requests whose
 * connection failed before a request arrived (a refused TLS handshake, for one). Runs inside the
 * test's application and lives as long as one test.
 */
final class LoopbackServer implements AutoCloseable {

    private final ServerSocket socket;
    private final byte[] answer;
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private final List<String> failedConnections = new CopyOnWriteArrayList<>();
    private final List<String> clientSubjects = new CopyOnWriteArrayList<>();
    private final Thread thread;

    private LoopbackServer(ServerSocket socket, String answer) {
        this.socket = socket;
        this.answer = answer.getBytes(StandardCharsets.UTF_8);
        thread = new Thread(this::serve, "it-transport-server");
        thread.setDaemon(true);
        thread.start();
    }

    /** Plain HTTP on {@code port}. */
    static LoopbackServer plain(int port, String answer) throws IOException {
        return new LoopbackServer(
                new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1")), answer);
    }

    /**
     * TLS on {@code port}, with the key and certificate of the class-path key store {@code keys}.
     */
    static LoopbackServer tls(int port, String answer, String keys, String password)
            throws IOException, GeneralSecurityException {
        return tls(port, answer, keys, null, password);
    }

    /**
     * TLS on {@code port} as {@link #tls(int, String, String, String)}, and when {@code
     * clientTrust} names a class-path trust store, only for clients whose certificate it holds.
     */
    static LoopbackServer tls(
            int port, String answer, String keys, String clientTrust, String password)
            throws IOException, GeneralSecurityException {
        KeyManagerFactory managers =
                KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(store(keys, password), password.toCharArray());
        TrustManagerFactory trust = null;
        if (clientTrust != null) {
            trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store(clientTrust, password));
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(
                managers.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
        SSLServerSocket socket =
                (SSLServerSocket)
                        context.getServerSocketFactory()
                                .createServerSocket(port, 50, InetAddress.getByName("127.0.0.1"));
        socket.setNeedClientAuth(clientTrust != null);
        return new LoopbackServer(socket, answer);
    }

    private static KeyStore store(String resource, String password)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in =
                Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is not on the class path");
            }
            store.load(in, password.toCharArray());
        }
        return store;
    }

    /** The request line of every request answered, oldest first. */
    List<String> requestLines() {
        return requestLines;
    }

    /** The subject of each client certificate a TLS client presented, oldest first. */
    List<String> clientSubjects() {
        return clientSubjects;
    }

    /** The failure of every connection that ended before its request was read. */
    List<String> failedConnections() {
        return failedConnections;
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket connection = socket.accept()) {
                connection.setSoTimeout(10_000);
                answer(connection);
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    failedConnections.add(e.getClass().getName() + ": " + e.getMessage());
                }
            }
        }
    }

    private void answer(Socket connection) throws IOException {
        InputStream in = new BufferedInputStream(connection.getInputStream());
        String requestLine = line(in);
        int length = 0;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(lower.substring("content-length:".length()).trim());
            }
        }
        in.readNBytes(length);
        requestLines.add(requestLine);
        if (connection instanceof SSLSocket tls
                && socket instanceof SSLServerSocket server
                && server.getNeedClientAuth()) {
            for (Certificate certificate : tls.getSession().getPeerCertificates()) {
                clientSubjects.add(
                        ((X509Certificate) certificate).getSubjectX500Principal().getName());
            }
        }
        OutputStream out = connection.getOutputStream();
        out.write(
                ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                                + answer.length
                                + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        out.write(answer);
        out.flush();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the connection ended inside a request's head");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        socket.close();
        thread.join(5_000);
    }
}
