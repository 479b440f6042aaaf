package one.aisa.xlink.demo;

import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

/**
 * Stands in for AIsa's {@code auth_twitter} and for X's consent page, on 127.0.0.1 only.
 *
 * <p>{@code POST /sandbox/apis/v1/twitter/auth_twitter} checks the request the way AIsa's newest
 * contract describes it: a {@code Bearer} key in the header and the same key as {@code
 * aisa_api_key} in the JSON body, an optional non-empty {@code scopes} array of known scope names.
 * It answers in the envelope AIsa's own clients read, {@code {ok, code, data: {auth_url, state,
 * expires_at}}}, with a link valid for 45 seconds. The {@code auth_url} opens {@code
 * /sandbox/consent}, where the person approves or denies; the sandbox then sends them back to the
 * demo, which AIsa itself never does.
 *
 * <p>Every endpoint answers 404 when the demo runs against the real AIsa.
 */
@Path("/")
@ApplicationScoped
public class SandboxResource {

    private static final Set<String> KNOWN_SCOPES =
            Set.of(
                    "follows.write",
                    "tweet.read",
                    "users.read",
                    "tweet.write",
                    "like.write",
                    "dm.read",
                    "dm.write",
                    "offline.access",
                    "media.write",
                    "follows.read",
                    "like.read",
                    "list.read",
                    "list.write",
                    "block.read",
                    "block.write",
                    "mute.read",
                    "mute.write",
                    "bookmark.read",
                    "bookmark.write",
                    "space.read",
                    "tweet.moderate.write");
    private static final List<String> DEFAULT_SCOPES =
            List.of(
                    "follows.write",
                    "tweet.read",
                    "users.read",
                    "tweet.write",
                    "like.write",
                    "dm.read",
                    "dm.write");

    /** Bounds the sandbox's memory: a demo never has this many consent pages open. */
    private static final int MAX_OPEN_GRANTS = 1000;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();

    /**
     * Issues a link, as AIsa's {@code POST /apis/v1/twitter/auth_twitter} does.
     *
     * @param authorization the {@code Authorization} header
     * @param body the JSON body
     * @return 200 with the envelope; 401, 422 or 400 with an AIsa-style error otherwise
     */
    @POST
    @Path("apis/v1/twitter/auth_twitter")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response authTwitter(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
        if (!DemoSettings.current().sandbox()) {
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return error(401, "authentication_error", "missing_api_key", "No Bearer API key");
        }
        if (!isSandboxKey(authorization.substring("Bearer ".length()))) {
            return error(401, "authentication_error", "invalid_api_key", "Unknown API key");
        }
        JsonObject request;
        try (JsonReader reader = Json.createReader(new StringReader(body == null ? "" : body))) {
            request = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            return error(
                    400, "invalid_request_error", "json_parse_error", "Body is not a JSON object");
        }
        JsonValue bodyKey = request.get("aisa_api_key");
        if (bodyKey == null) {
            return error(
                    422, "invalid_request_error", "missing_parameter", "aisa_api_key is required");
        }
        if (!(bodyKey instanceof JsonString key) || !isSandboxKey(key.getString())) {
            return error(
                    401,
                    "authentication_error",
                    "invalid_api_key",
                    "aisa_api_key does not match the Bearer key");
        }
        List<String> scopes;
        try {
            scopes = scopes(request.get("scopes"));
        } catch (IllegalArgumentException e) {
            return error(400, "invalid_request_error", "invalid_parameter", e.getMessage());
        }

        Instant expiresAt =
                Instant.now()
                        .plus(DemoSettings.SANDBOX_LINK_LIFETIME)
                        .truncatedTo(ChronoUnit.SECONDS);
        String state = newState();
        forgetExpired();
        if (grants.size() >= MAX_OPEN_GRANTS) {
            return error(429, "rate_limit_error", "rate_limit_exceeded", "Too many open links");
        }
        grants.put(state, new Grant(scopes, expiresAt));
        URI authUrl =
                UriBuilder.fromUri(DemoSettings.current().origin())
                        .path("/sandbox/consent")
                        .queryParam("state", state)
                        .queryParam("scope", String.join(" ", scopes))
                        .build();

        JsonObject data =
                Json.createObjectBuilder()
                        .add("auth_url", authUrl.toString())
                        .add("state", state)
                        .add("expires_at", expiresAt.toString())
                        .build();
        return Response.ok(
                        Json.createObjectBuilder()
                                .add("ok", true)
                                .add("code", 200)
                                .add("data", data)
                                .build())
                .build();
    }

    /**
     * Shows the stand-in for X's consent page.
     *
     * @param state the state from the {@code auth_url}
     * @return the page, or 410 if the link is unknown or expired
     */
    @GET
    @Path("consent")
    @Produces(MediaType.TEXT_HTML)
    public Response consentPage(@QueryParam("state") String state) {
        if (!DemoSettings.current().sandbox()) {
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        Grant grant = openGrant(state);
        if (grant == null) {
            return Response.status(Response.Status.GONE)
                    .entity(
                            page(
                                    "Link not valid",
                                    "<p>This sandbox link is unknown or has expired.</p>"))
                    .build();
        }

        StringBuilder scopes = new StringBuilder();
        for (String scope : grant.scopes()) {
            scopes.append("<li>").append(escape(scope)).append("</li>");
        }
        String body =
                "<p class=\"notice\">Sandbox: this page stands in for X. Nothing here reaches X"
                        + " or AIsa.</p>"
                        + "<p>The demo app asks to act on your X account with these scopes:</p>"
                        + "<ul id=\"consent-scopes\">"
                        + scopes
                        + "</ul>"
                        + "<form method=\"post\" action=\"consent\">"
                        + "<input type=\"hidden\" name=\"state\" value=\""
                        + escape(state)
                        + "\">"
                        + "<button id=\"approve\" name=\"decision\" value=\"approve\">Authorize"
                        + " app</button> "
                        + "<button id=\"deny\" name=\"decision\" value=\"deny\">Cancel</button>"
                        + "</form>";
        return Response.ok(page("Authorize access to your X account", body)).build();
    }

    /**
     * Takes the person's decision and sends them back to the demo.
     *
     * @param state the state from the consent page
     * @param decision {@code approve} or anything else for deny
     * @return a redirect to the demo, or 410 if the link is unknown or expired
     */
    @POST
    @Path("consent")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response decide(
            @FormParam("state") String state, @FormParam("decision") String decision) {
        if (!DemoSettings.current().sandbox()) {
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        Grant grant = openGrant(state);
        if (grant == null || !grants.remove(state, grant)) {
            return Response.status(Response.Status.GONE)
                    .entity(
                            page(
                                    "Link not valid",
                                    "<p>This sandbox link is unknown or has expired.</p>"))
                    .build();
        }

        URI back =
                UriBuilder.fromUri(DemoSettings.current().origin())
                        .path("/api/links/sandbox-return")
                        .queryParam("state", state)
                        .queryParam("result", "approve".equals(decision) ? "approved" : "denied")
                        .build();
        return Response.seeOther(back).build();
    }

    private Grant openGrant(String state) {
        if (state == null) {
            return null;
        }
        Grant grant = grants.get(state);
        if (grant == null || !Instant.now().isBefore(grant.expiresAt())) {
            return null;
        }
        return grant;
    }

    private void forgetExpired() {
        Instant now = Instant.now();
        grants.values().removeIf(grant -> !now.isBefore(grant.expiresAt()));
    }

    private String newState() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean isSandboxKey(String key) {
        return MessageDigest.isEqual(
                key.getBytes(StandardCharsets.UTF_8),
                DemoSettings.SANDBOX_API_KEY.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> scopes(JsonValue value) {
        if (value == null || value == JsonValue.NULL) {
            return DEFAULT_SCOPES;
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new IllegalArgumentException("scopes must be an array of strings");
        }
        List<String> scopes = new ArrayList<>();
        for (JsonValue element : value.asJsonArray()) {
            if (!(element instanceof JsonString name)) {
                throw new IllegalArgumentException("scopes must be an array of strings");
            }
            if (!KNOWN_SCOPES.contains(name.getString())) {
                throw new IllegalArgumentException(
                        "Unsupported scope \"" + abbreviate(name.getString()) + "\"");
            }
            scopes.add(name.getString());
        }
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("scopes must not be empty");
        }
        return scopes;
    }

    private static Response error(int status, String type, String code, String message) {
        JsonObject error =
                Json.createObjectBuilder()
                        .add("type", type)
                        .add("code", code)
                        .add("message", message)
                        .add("request_id", "req_sandbox")
                        .build();
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(Json.createObjectBuilder().add("error", error).build())
                .build();
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>"
                + escape(title)
                + " (sandbox)</title>"
                + "<link rel=\"stylesheet\" href=\"/app.css\"></head><body class=\"consent\">"
                + "<h1>"
                + escape(title)
                + "</h1>"
                + body
                + "</body></html>";
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }

    /** A link the sandbox issued and nobody has decided on yet. */
    private record Grant(List<String> scopes, Instant expiresAt) {}
}
