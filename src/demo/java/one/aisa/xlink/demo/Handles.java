package one.aisa.xlink.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import one.aisa.xlink.XLink;

/**
 * Names pending links on the page without revealing their state: a link's handle is a hash of its
 * account and state, so the page can ask to mark or cancel a link it cannot forge.
 */
final class Handles {

    private Handles() {}

    /** Returns the handle of a link: 24 hex digits of SHA-256 over account and state. */
    static String of(XLink link) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(link.account().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(link.state().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
