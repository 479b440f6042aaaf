package it.support;

/** Bodies AIsa answers {@code auth_twitter} with, for the stub. */
public final class Answers {

    /** An X authorize URL up to its state parameter, as AIsa builds it. */
    public static final String AUTH_URL =
            "https://twitter.com/i/oauth2/authorize?response_type=code&client_id=AIsa"
                    + "&redirect_uri=https%3A%2F%2Fapi.aisa.one%2Fapis%2Fv1%2Ftwitter%2Foauth_callback"
                    + "&scope=follows.write%20tweet.read%20users.read&state=";

    private Answers() {}

    /** The flat answer of the published contract. */
    public static String flat(String state, String expiresAt) {
        return "{\"auth_url\":\""
                + AUTH_URL
                + state
                + "\",\"state\":\""
                + state
                + "\",\"expires_at\":\""
                + expiresAt
                + "\"}";
    }
}
