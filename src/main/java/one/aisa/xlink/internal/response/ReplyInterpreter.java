package one.aisa.xlink.internal.response;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import one.aisa.xlink.XLinkException;
import one.aisa.xlink.XLinkResponseException;
import one.aisa.xlink.internal.client.RawReply;

/**
 * Interprets {@code auth_twitter} answers of all three contract generations: the flat {@code
 * {auth_url,state,expires_at}}, the {@code {ok,code,data}} envelope and the relay's {@code
 * {code,msg,data}}. Thread-safe.
 */
public final class ReplyInterpreter {

    private static final int MAX_STATE_LENGTH = 512;

    private final AuthUrlPolicy authUrls;
    private final ErrorReplies errors;

    /**
     * @param authHosts hosts an {@code auth_url} may point at
     * @param clock the clock {@code Retry-After} dates are measured against
     */
    public ReplyInterpreter(List<String> authHosts, Clock clock) {
        this.authUrls = new AuthUrlPolicy(authHosts);
        this.errors = new ErrorReplies(clock);
    }

    /**
     * Returns the link a reply grants, or throws the typed failure it stands for.
     *
     * @param reply the answer
     * @param apiKey the key the call used, so that an answer echoing it never prints it
     * @throws XLinkException the subclass the status and body call for
     */
    public LinkGrant grant(RawReply reply, String apiKey) {
        int status = reply.status();
        if (status >= 400) {
            throw errors.toException(status, reply, apiKey);
        }
        try {
            if (status < 200 || status > 299) {
                throw new Unusable(
                        "AISAX020: AIsa answered HTTP "
                                + status
                                + " instead of a link; check aisa.base-url.");
            }
            return grantFromSuccess(reply, apiKey);
        } catch (Unusable e) {
            // A success envelope's code is not an error code: only the request id is worth keeping.
            ErrorReplies.Said said = errors.read(reply, apiKey);
            throw new XLinkResponseException(
                    e.getMessage(), status, null, null, said.requestId(), null);
        }
    }

    private LinkGrant grantFromSuccess(RawReply reply, String apiKey) {
        if (reply.truncated()) {
            throw new Unusable(
                    "AISAX021: AIsa's answer is larger than aisa.max-response-bytes, far more than"
                            + " a link needs; it was not read.");
        }
        JsonObject body =
                Json.object(reply.body())
                        .orElseThrow(
                                () ->
                                        new Unusable(
                                                "AISAX028: AIsa's answer is not a JSON object"
                                                        + describe(reply)
                                                        + "."));
        refuseEnvelopeFailure(body, reply, apiKey);
        JsonObject payload = payload(body);

        String rawUrl =
                string(payload, "auth_url")
                        .or(() -> string(body, "auth_url"))
                        .orElseThrow(
                                () ->
                                        new Unusable(
                                                "AISAX029: AIsa's answer has no auth_url string."));
        URI authUrl = authUrls.check(rawUrl);

        Optional<String> bodyState = string(payload, "state").or(() -> string(body, "state"));
        Optional<String> urlState = AuthUrlPolicy.stateParameter(authUrl);
        if (bodyState.isPresent() && urlState.isPresent() && !bodyState.equals(urlState)) {
            throw new Unusable(
                    "AISAX040: AIsa's state and the state in its auth_url disagree; the link is not"
                            + " trustworthy.");
        }
        String state =
                bodyState
                        .or(() -> urlState)
                        .orElseThrow(
                                () ->
                                        new Unusable(
                                                "AISAX041: AIsa's answer carries no state, neither"
                                                        + " as a field nor in auth_url."));
        if (state.isBlank() || state.length() > MAX_STATE_LENGTH) {
            throw new Unusable(
                    "AISAX042: AIsa's state is blank or longer than "
                            + MAX_STATE_LENGTH
                            + " characters.");
        }

        JsonValue expiry =
                payload.containsKey("expires_at")
                        ? payload.get("expires_at")
                        : body.get("expires_at");
        Optional<Instant> expiresAt =
                expiry == null || expiry.getValueType() == JsonValue.ValueType.NULL
                        ? Optional.empty()
                        : Optional.of(Expiry.parse(expiry));
        return new LinkGrant(authUrl, state, expiresAt, reply.status());
    }

    /** An envelope may report failure inside a 2xx: honour it rather than look for a link. */
    private void refuseEnvelopeFailure(JsonObject body, RawReply reply, String apiKey) {
        boolean notOk = body.get("ok") == JsonValue.FALSE;
        int code =
                body.get("code") instanceof JsonNumber number && number.isIntegral()
                        ? number.intValue()
                        : 0;
        boolean failingCode = code != 0 && (code < 200 || code > 299);
        if (!notOk && !failingCode) {
            return;
        }
        if (code >= 400 && code <= 599) {
            throw errors.toException(code, reply, apiKey);
        }
        ErrorReplies.Said said = errors.read(reply, apiKey);
        throw new Unusable(
                "AISAX043: AIsa's answer reports a failure"
                        + (code != 0 ? " with code " + code : "")
                        + (said.message() != null ? ": \"" + said.message() + "\"" : "")
                        + ".");
    }

    private static JsonObject payload(JsonObject body) {
        if (!Json.present(body, "data")) {
            return body;
        }
        return Json.child(body, "data")
                .orElseThrow(
                        () ->
                                new Unusable(
                                        "AISAX044: AIsa's answer has a data member that is not an"
                                                + " object."));
    }

    /** Returns a member that must be a string when present. */
    private static Optional<String> string(JsonObject object, String name) {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (value instanceof JsonString string) {
            return Optional.of(string.getString()).filter(s -> !s.isEmpty());
        }
        throw new Unusable(
                "AISAX045: AIsa's "
                        + name
                        + " is a JSON "
                        + value.getValueType().name().toLowerCase(java.util.Locale.ROOT)
                        + ", not a string.");
    }

    private static String describe(RawReply reply) {
        String type = reply.header("content-type").orElse(null);
        if (reply.body().length == 0) {
            return " (the body is empty)";
        }
        return " ("
                + reply.body().length
                + " bytes"
                + (type != null ? " of " + ErrorReplies.clean(type, null) : "")
                + ")";
    }
}
