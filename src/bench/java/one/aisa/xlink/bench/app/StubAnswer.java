package one.aisa.xlink.bench.app;

import java.nio.charset.StandardCharsets;

/**
 * The answer the loopback stub gives to {@code auth_twitter}: AIsa's flat form with a realistic
 * {@code auth_url} of about 350 characters (358) on {@code twitter.com}, whose {@code state=}
 * parameter repeats the {@code state} field, and an {@code expires_at} far ahead. Plain JDK code,
 * so that the driver (which serves it) and the application (which times parsing it) share it.
 */
public final class StubAnswer {

    /** Same length as a UUID: what the bare contenders send as {@code Idempotency-Key}. */
    public static final String FIXED_IDEMPOTENCY_KEY = "6f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f";

    /** The key the benchmark configures; the stub does not check it. */
    public static final String API_KEY = "sk-aisa-bench-0123456789abcdef0123456789abcdef";

    private static final String URL_HEAD =
            "https://twitter.com/i/oauth2/authorize?response_type=code"
                    + "&client_id=YWlzYS1iZW5jaDoxOmNp"
                    + "&redirect_uri=https%3A%2F%2Faisa.one%2Fx%2Fcallback"
                    + "&scope=follows.write%20tweet.read%20users.read%20tweet.write%20like.write"
                    + "%20dm.read%20dm.write&state=";
    private static final String URL_TAIL =
            "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";

    private StubAnswer() {}

    /**
     * Returns a 32-character state: a run prefix and a counter, unique within the run.
     *
     * @param run eight characters that tell runs apart
     * @param counter the answer's number
     */
    public static String state(String run, long counter) {
        return run + String.format("%024d", counter);
    }

    /** Returns the JSON body for a state, as UTF-8 bytes. */
    public static byte[] body(String state) {
        String json =
                "{\"auth_url\":\""
                        + URL_HEAD
                        + state
                        + URL_TAIL
                        + "\",\"state\":\""
                        + state
                        + "\",\"expires_at\":\"2099-01-01T00:00:00Z\"}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** Returns the auth URL of a state. */
    public static String authUrl(String state) {
        return URL_HEAD + state + URL_TAIL;
    }
}
