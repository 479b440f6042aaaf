package one.aisa.xlink.internal.response;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * What a successful {@code auth_twitter} answer grants, validated.
 *
 * @param authUrl the URL exactly as AIsa sent it; secret
 * @param state the link's state; secret
 * @param expiresAt when AIsa says the URL stops working, if it said
 * @param httpStatus the status of the answer that granted it
 */
public record LinkGrant(URI authUrl, String state, Optional<Instant> expiresAt, int httpStatus) {

    /** Leaves the secrets out. */
    @Override
    public String toString() {
        return "LinkGrant[host=" + authUrl.getHost() + ", expiresAt=" + expiresAt + "]";
    }
}
