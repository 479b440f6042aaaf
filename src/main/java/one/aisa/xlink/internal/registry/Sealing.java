package one.aisa.xlink.internal.registry;

import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import one.aisa.xlink.XLink;
import one.aisa.xlink.XScope;

/**
 * Turns links into what the database may see: a SHA-256 of the state as the row's key, and the
 * whole link (state and auth URL included) as AES-256-GCM ciphertext bound to that key and the
 * account, so a database reader can neither read a link nor move it to another row or account.
 * Thread-safe.
 */
final class Sealing {

    /** Prefix of the format written today, so a later format can be told apart. */
    private static final String VERSION = "1.";

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    Sealing(byte[] key) {
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /** Returns the row key of a state: lower-case hex SHA-256 of its UTF-8 bytes, 64 characters. */
    static String hash(String state) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(state.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Encrypts a link for the row with this hash; the text is ASCII. */
    String seal(XLink link, String hash) {
        byte[] plain = json(link).getBytes(StandardCharsets.UTF_8);
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad(hash, link.account()));
            byte[] sealed = cipher.doFinal(plain);
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return VERSION + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable: " + e.getClass().getName());
        }
    }

    /**
     * Decrypts a row's link.
     *
     * @throws GeneralSecurityException if the text was not sealed with this key for this row
     */
    XLink open(String sealed, String hash, String account) throws GeneralSecurityException {
        if (!sealed.startsWith(VERSION)) {
            throw new GeneralSecurityException("unknown format");
        }
        byte[] in;
        try {
            in = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("not base64");
        }
        if (in.length <= IV_BYTES) {
            throw new GeneralSecurityException("too short");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
        cipher.updateAAD(aad(hash, account));
        byte[] plain = cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES);
        try {
            return link(new String(plain, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            // Authentic but unreadable: written by a newer format or a defect; never quote it.
            throw new GeneralSecurityException("unreadable link: " + e.getClass().getName());
        }
    }

    private static byte[] aad(String hash, String account) {
        return ("aisa-x-link|" + hash + "|" + account).getBytes(StandardCharsets.UTF_8);
    }

    private static String json(XLink link) {
        JsonArrayBuilder scopes = Json.createArrayBuilder();
        link.scopes().forEach(scope -> scopes.add(scope.name()));
        JsonObjectBuilder attributes = Json.createObjectBuilder();
        link.attributes().forEach(attributes::add);
        JsonObjectBuilder object =
                Json.createObjectBuilder()
                        .add("account", link.account())
                        .add("state", link.state())
                        .add("authUrl", link.authUrl().toString())
                        .add("expiresAt", link.expiresAt().toString())
                        .add("scopes", scopes)
                        .add("requestedAt", link.requestedAt().toString())
                        .add("attributes", attributes);
        link.subject().ifPresent(subject -> object.add("subject", subject));
        return object.build().toString();
    }

    private static XLink link(String json) {
        JsonObject object;
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            object = reader.readObject();
        }
        Set<XScope> scopes = new LinkedHashSet<>();
        object.getJsonArray("scopes")
                .getValuesAs(JsonString.class)
                .forEach(name -> scopes.add(XScope.of(name.getString())));
        Map<String, String> attributes = new LinkedHashMap<>();
        object.getJsonObject("attributes")
                .forEach((name, value) -> attributes.put(name, ((JsonString) value).getString()));
        JsonValue subject = object.get("subject");
        return new XLink(
                object.getString("account"),
                object.getString("state"),
                URI.create(object.getString("authUrl")),
                Instant.parse(object.getString("expiresAt")),
                scopes,
                Instant.parse(object.getString("requestedAt")),
                subject instanceof JsonString text ? text.getString() : null,
                attributes);
    }
}
