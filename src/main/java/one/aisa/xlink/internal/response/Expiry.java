package one.aisa.xlink.internal.response;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Reads {@code expires_at}: an ISO-8601 instant with {@code Z} or any offset and 0 to 9 fraction
 * digits, or epoch seconds as a JSON number or a string of digits.
 */
final class Expiry {

    /** Date, time, optional fraction and offset, each field captured for {@link #iso}. */
    private static final Pattern ISO_INSTANT =
            Pattern.compile(
                    "(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?"
                            + "(?:Z|([+-])(\\d{2}):(\\d{2}))");

    /** Multipliers that turn a fraction of n digits into nanoseconds, by 9 - n. */
    private static final int[] POWERS_OF_TEN = {
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000
    };

    private static final Pattern EPOCH_SECONDS = Pattern.compile("\\d{1,12}(\\.\\d{1,9})?");

    /** 9999-12-31T23:59:59Z: larger numbers are milliseconds or nonsense. */
    private static final BigDecimal MAX_EPOCH_SECONDS = BigDecimal.valueOf(253_402_300_799L);

    private Expiry() {}

    /** Parses the value; throws naming the field and value when it is neither form. */
    static Instant parse(JsonValue value) {
        if (value instanceof JsonString string) {
            String text = string.getString();
            Matcher iso = ISO_INSTANT.matcher(text);
            if (iso.matches()) {
                try {
                    return iso(iso);
                } catch (DateTimeException e) {
                    throw invalid(text);
                }
            }
            if (EPOCH_SECONDS.matcher(text).matches()) {
                return epochSeconds(new BigDecimal(text), text);
            }
            throw invalid(text);
        }
        if (value instanceof JsonNumber number) {
            return epochSeconds(number.bigDecimalValue(), number.toString());
        }
        throw invalid(String.valueOf(value));
    }

    /**
     * Builds the instant from the captured fields, as strictly as ISO-8601 parsing would: a month
     * 13, a February 30, an hour 24, a second 60 or an offset beyond 18 hours are refused. (The
     * pattern has already checked the shape, so this avoids a general formatter's cost.)
     */
    private static Instant iso(Matcher iso) {
        String fraction = iso.group(7);
        int nanos =
                fraction == null
                        ? 0
                        : Integer.parseInt(fraction) * POWERS_OF_TEN[9 - fraction.length()];
        LocalDateTime local =
                LocalDateTime.of(
                        number(iso, 1),
                        number(iso, 2),
                        number(iso, 3),
                        number(iso, 4),
                        number(iso, 5),
                        number(iso, 6),
                        nanos);
        ZoneOffset offset = ZoneOffset.UTC;
        if (iso.group(8) != null) {
            int sign = iso.group(8).equals("-") ? -1 : 1;
            offset = ZoneOffset.ofHoursMinutes(sign * number(iso, 9), sign * number(iso, 10));
        }
        return local.toInstant(offset);
    }

    private static int number(Matcher matcher, int group) {
        return Integer.parseInt(matcher.group(group));
    }

    private static Instant epochSeconds(BigDecimal seconds, String text) {
        if (seconds.signum() < 0 || seconds.compareTo(MAX_EPOCH_SECONDS) > 0) {
            throw invalid(text);
        }
        long whole = seconds.longValue();
        int nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue();
        return Instant.ofEpochSecond(whole, nanos);
    }

    private static Unusable invalid(String text) {
        // Quoted for the reader, but flattened and stripped of anything key-like: a hostile answer
        // must not write lines of its own, or a credential, into the log through this message.
        String cleaned = ErrorReplies.quotable(text);
        String shown = cleaned.length() <= 64 ? cleaned : cleaned.substring(0, 64) + "...";
        return new Unusable(
                "AISAX022: AIsa's expires_at is \""
                        + shown
                        + "\", which is neither an ISO-8601 instant (such as"
                        + " \"2026-04-18T07:00:00Z\") nor epoch seconds.");
    }
}
