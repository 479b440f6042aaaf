package it.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway certificate for 127.0.0.1, made with the JDK's {@code keytool} in the build's JVM:
 * the stub's key store and a trust store that holds only the certificate. Both live in the
 * deployments as class-path resources; the password protects test material only.
 */
final class TestCertificates {

    static final String PASSWORD = "it-transport-store";
    static final String STUB_KEYS = "it-transport/stub-keys.p12";
    static final String TRUST = "it-transport/trust.p12";
    static final String CLIENT_KEYS = "it-transport/client-keys.p12";
    static final String STUB_TRUST = "it-transport/stub-trust.p12";
    static final String CLIENT_SUBJECT = "CN=aisa-x-link test client";

    private static Path made;

    private TestCertificates() {}

    /** The stub's key store: its key and the certificate for 127.0.0.1. */
    static synchronized Path stubKeys() {
        return made().resolve("stub-keys.p12");
    }

    /** A trust store with that certificate and nothing else. */
    static synchronized Path trust() {
        return made().resolve("trust.p12");
    }

    /** The application's key store for AIsa asking for a client certificate. */
    static synchronized Path clientKeys() {
        return made().resolve("client-keys.p12");
    }

    /** The stub's trust store: the client certificate and nothing else. */
    static synchronized Path stubTrust() {
        return made().resolve("stub-trust.p12");
    }

    private static Path made() {
        if (made == null) {
            try {
                Path dir = Files.createTempDirectory(Path.of("target"), "it-transport-");
                pair(
                        dir,
                        "stub",
                        "CN=aisa-x-link test stub",
                        "trust.p12",
                        "-ext",
                        "SAN=ip:127.0.0.1");
                pair(dir, "client", CLIENT_SUBJECT, "stub-trust.p12");
                made = dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return made;
    }

    /**
     * Makes {@code <name>-keys.p12} with a new key and its certificate, and a store {@code trust}
     * that holds only that certificate.
     */
    private static void pair(Path dir, String name, String subject, String trust, String... extra)
            throws IOException {
        Path keys = dir.resolve(name + "-keys.p12");
        Path certificate = dir.resolve(name + ".pem");
        List<String> generate =
                new ArrayList<>(
                        List.of(
                                "-genkeypair",
                                "-alias",
                                name,
                                "-keyalg",
                                "EC",
                                "-groupname",
                                "secp256r1",
                                "-dname",
                                subject,
                                "-validity",
                                "2",
                                "-storetype",
                                "PKCS12",
                                "-keystore",
                                keys.toString(),
                                "-storepass",
                                PASSWORD,
                                "-keypass",
                                PASSWORD));
        generate.addAll(List.of(extra));
        keytool(generate.toArray(String[]::new));
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                name,
                "-keystore",
                keys.toString(),
                "-storepass",
                PASSWORD,
                "-file",
                certificate.toString());
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                name,
                "-file",
                certificate.toString(),
                "-storetype",
                "PKCS12",
                "-keystore",
                dir.resolve(trust).toString(),
                "-storepass",
                PASSWORD);
    }

    private static void keytool(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("keytool did not finish within 60 s: " + command);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool ran", e);
        }
        String output = new String(process.getInputStream().readAllBytes());
        if (process.exitValue() != 0) {
            throw new IOException("keytool failed (" + process.exitValue() + "): " + output);
        }
    }
}
