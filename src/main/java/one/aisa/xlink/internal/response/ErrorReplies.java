package one.aisa.xlink.internal.response;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import one.aisa.xlink.XLinkAuthException;
import one.aisa.xlink.XLinkException;
import one.aisa.xlink.XLinkForbiddenException;
import one.aisa.xlink.XLinkRateLimitException;
import one.aisa.xlink.XLinkRequestException;
import one.aisa.xlink.XLinkUnavailableException;
import one.aisa.xlink.internal.client.RawReply;

/**
 * Turns an error answer into the typed exception its status calls for, carrying whatever AIsa said
 * about it. Bodies are read leniently (AIsa's {@code error} object, the {@code {ok:false}}
 * envelope, the relay's {@code {code,msg}}, X problem JSON, HTML, text, nothing): the status alone
 * decides the type.
 */
final class ErrorReplies {

    private static final int MAX_MESSAGE = 200;
    private static final Pattern KEY_LIKE = Pattern.compile("(?i)\\bsk-[a-z0-9_-]+|bearer\\s+\\S+");

    /**
     * URLs with a query, and state parameters, which an answer may echo: an {@code auth_url} (whose
     * query holds its state) or a {@code state} is a secret of its link. URLs without a query, such
     * as a problem type, are kept.
     */
    private static final Pattern LINK_LIKE =
            Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]*://[^\\s?]*\\?\\S*|\\bstate=[^\\s&\"']+");

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\s]+");

    private final Clock clock;

    ErrorReplies(Clock clock) {
        this.clock = clock;
    }

    /** What an error body said. Every field may be null. */
    record Said(String type, String code, String message, String requestId) {}

    XLinkException toException(int status, RawReply reply, String apiKey) {
        Said said = read(reply, apiKey);
        String detail = detail(status, said, reply);
        return switch (status) {
            case 401 ->
                    new XLinkAuthException(
                            "AISAX030: AIsa refused the API key: "
                                    + detail
                                    + ". Check the account's aisa.api-key (or aisa.accounts.<name>.api-key).",
                            status,
                            said.type(),
                            said.code(),
                            said.requestId(),
                            null);
            case 403 ->
                    new XLinkForbiddenException(
                            "AISAX031: AIsa refused the call for this API key: "
                                    + detail
                                    + ". Check the key's permissions in the AIsa console.",
                            status,
                            said.type(),
                            said.code(),
                            said.requestId(),
                            null);
            case 429 ->
                    new XLinkRateLimitException(
                            "AISAX032: AIsa rate-limited the API key: "
                                    + detail
                                    + ". Wait for retryAfter(), then retry.",
                            said.type(),
                            said.code(),
                            said.requestId(),
                            retryAfter(reply).orElse(null));
            default ->
                    status >= 500
                            ? new XLinkUnavailableException(
                                    "AISAX033: AIsa failed to answer: " + detail + ". Retry later.",
                                    status,
                                    said.type(),
                                    said.code(),
                                    said.requestId(),
                                    null)
                            : new XLinkRequestException(
                                    "AISAX034: AIsa rejected the request: "
                                            + detail
                                            + ". Check the requested scopes and aisa.base-url.",
                                    status,
                                    said.type(),
                                    said.code(),
                                    said.requestId(),
                                    null);
        };
    }

    /** Reads what the body and headers say about the failure. */
    Said read(RawReply reply, String apiKey) {
        Optional<JsonObject> json = Json.object(reply.body());
        String type = null;
        String code = null;
        String message = null;
        String requestId = null;
        if (json.isPresent()) {
            JsonObject body = json.get();
            Optional<JsonObject> error = Json.child(body, "error");
            if (error.isPresent()) {
                type = Json.text(error.get(), "type").orElse(null);
                code = Json.text(error.get(), "code").orElse(null);
                message = Json.text(error.get(), "message").orElse(null);
                requestId = Json.text(error.get(), "request_id").orElse(null);
            } else if (Json.text(body, "error").isPresent()) {
                code = Json.text(body, "error").get();
                message = Json.text(body, "error_description").orElse(null);
            }
            Optional<JsonObject> firstError = firstOf(body, "errors");
            if (firstError.isPresent()) {
                code = first(code, Json.text(firstError.get(), "code").orElse(null));
                message = first(message, Json.text(firstError.get(), "message").orElse(null));
            }
            type = first(type, Json.text(body, "type").orElse(null));
            code = first(code, Json.text(body, "code").orElse(null));
            message =
                    first(
                            message,
                            Json.text(body, "message")
                                    .or(() -> Json.text(body, "msg"))
                                    .or(() -> Json.text(body, "detail"))
                                    .or(() -> Json.text(body, "title"))
                                    .orElse(null));
            requestId = first(requestId, Json.text(body, "request_id").orElse(null));
        } else if (!isHtml(reply) && reply.body().length > 0) {
            message = reply.bodyText().lines().findFirst().orElse(null);
        }
        requestId =
                first(
                        requestId,
                        reply.header("x-request-id")
                                .or(() -> reply.header("request-id"))
                                .or(() -> reply.header("x-aisa-request-id"))
                                .orElse(null));
        return new Said(
                clean(type, apiKey),
                clean(code, apiKey),
                clean(message, apiKey),
                clean(requestId, apiKey));
    }

    /**
     * Reads {@code Retry-After}: whole or decimal seconds (rounded up) or an HTTP date. Negative or
     * unparseable values give no hint.
     */
    Optional<Duration> retryAfter(RawReply reply) {
        Optional<String> header = reply.header("retry-after").map(String::strip);
        if (header.isEmpty() || header.get().isEmpty()) {
            return Optional.empty();
        }
        String value = header.get();
        if (value.matches("\\d{1,9}(\\.\\d+)?")) {
            long seconds = new BigDecimal(value).setScale(0, RoundingMode.CEILING).longValueExact();
            return Optional.of(Duration.ofSeconds(seconds));
        }
        try {
            Instant at =
                    ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(clock.instant(), at);
            return wait.isNegative() ? Optional.empty() : Optional.of(wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String detail(int status, Said said, RawReply reply) {
        StringBuilder detail = new StringBuilder("HTTP ").append(status);
        if (said.type() != null || said.code() != null) {
            detail.append(" [");
            if (said.type() != null) {
                detail.append(said.type());
            }
            if (said.type() != null && said.code() != null) {
                detail.append('/');
            }
            if (said.code() != null) {
                detail.append(said.code());
            }
            detail.append(']');
        }
        if (said.message() != null) {
            detail.append(" \"").append(said.message()).append('"');
        } else if (isHtml(reply)) {
            detail.append(" with an HTML page instead of AIsa's JSON error");
        } else if (reply.body().length == 0) {
            detail.append(" with an empty body");
        }
        if (said.requestId() != null) {
            detail.append(" (request id ").append(said.requestId()).append(')');
        }
        return detail.toString();
    }

    private static boolean isHtml(RawReply reply) {
        String type = reply.header("content-type").orElse("").toLowerCase(Locale.ROOT);
        String start = reply.bodyText().stripLeading().toLowerCase(Locale.ROOT);
        return type.contains("html") || start.startsWith("<!doctype") || start.startsWith("<html");
    }

    private static Optional<JsonObject> firstOf(JsonObject body, String name) {
        if (body.get(name) instanceof JsonArray array
                && !array.isEmpty()
                && array.get(0) instanceof JsonObject first) {
            return Optional.of(first);
        }
        return Optional.empty();
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    /**
     * Makes a value of AIsa's answer safe to quote in a message: anything that looks like a
     * credential is redacted and control or format characters become {@code ?}, so the value can
     * neither leak a key nor forge a log line. Spaces are kept, as they may be the problem.
     */
    static String quotable(String text) {
        String redacted = redactSecrets(text);
        StringBuilder out = new StringBuilder(redacted.length());
        redacted.codePoints()
                .forEach(
                        c ->
                                out.appendCodePoint(
                                        Character.isISOControl(c)
                                                        || Character.getType(c) == Character.FORMAT
                                                ? '?'
                                                : c));
        return out.toString();
    }

    /** Replaces what looks like a key, a link's URL or a state by {@code <redacted>}. */
    private static String redactSecrets(String text) {
        String keysGone = KEY_LIKE.matcher(text).replaceAll("<redacted>");
        return LINK_LIKE.matcher(keysGone).replaceAll("<redacted>");
    }

    /** Shortens, flattens and strips anything that looks like a credential. */
    static String clean(String text, String apiKey) {
        if (text == null) {
            return null;
        }
        String cleaned = text;
        if (apiKey != null && !apiKey.isEmpty()) {
            cleaned = cleaned.replace(apiKey, "<redacted>");
        }
        cleaned = redactSecrets(cleaned);
        cleaned = CONTROL.matcher(cleaned).replaceAll(" ").strip();
        if (cleaned.isEmpty()) {
            return null;
        }
        return cleaned.length() <= MAX_MESSAGE
                ? cleaned
                : cleaned.substring(0, MAX_MESSAGE) + "...";
    }
}
