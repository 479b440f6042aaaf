package one.aisa.xlink.internal.response;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Reads {@code expires_at}: an ISO-8601 instant with {@code Z} or any offset and 0 to 9 fraction
 * digits, or epoch seconds as a JSON number or a string of digits.
 */
final class Expiry {

    private static final Pattern ISO_INSTANT =
            Pattern.compile(
                    "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");
    private static final Pattern EPOCH_SECONDS = Pattern.compile("\\d{1,12}(\\.\\d{1,9})?");

    /** 9999-12-31T23:59:59Z: larger numbers are milliseconds or nonsense. */
    private static final BigDecimal MAX_EPOCH_SECONDS = BigDecimal.valueOf(253_402_300_799L);

    private Expiry() {}

    /** Parses the value; throws naming the field and value when it is neither form. */
    static Instant parse(JsonValue value) {
        if (value instanceof JsonString string) {
            String text = string.getString();
            if (ISO_INSTANT.matcher(text).matches()) {
                try {
                    return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                            .toInstant();
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
