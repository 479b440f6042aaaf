package one.aisa.xlink.internal.config;

import java.util.Locale;
import java.util.regex.Pattern;

/** Recognises loopback hosts from their spelling alone: no name is ever resolved. */
public final class Loopback {

    private static final Pattern IPV4_LOOPBACK =
            Pattern.compile(
                    "127\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){2}");

    private Loopback() {}

    /**
     * Tells whether a host, as {@link java.net.URI#getHost()} returns it, is a literal loopback
     * address in 127.0.0.0/8, {@code ::1}, or the name {@code localhost}.
     */
    public static boolean isLoopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost")
                || h.equals("[::1]")
                || h.equals("::1")
                || h.equals("[0:0:0:0:0:0:0:1]")
                || IPV4_LOOPBACK.matcher(h).matches();
    }
}
