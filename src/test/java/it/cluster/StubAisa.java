package it.cluster;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * AIsa's {@code auth_twitter} inside the test application: every call mints a fresh state, expiring
 * at a random instant of the window {@link ClusterResource} set.
 */
@Path("/stub/apis/v1/twitter/auth_twitter")
public class StubAisa {

    static volatile long windowFrom;
    static volatile long windowTo;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public String authTwitter(String body) {
        String state = "st-cluster-" + UUID.randomUUID();
        long expires =
                windowTo > windowFrom
                        ? ThreadLocalRandom.current().nextLong(windowFrom, windowTo)
                        : windowFrom;
        return "{\"auth_url\":\"https://x.com/i/oauth2/authorize?state="
                + state
                + "\",\"state\":\""
                + state
                + "\",\"expires_at\":\""
                + Instant.ofEpochMilli(expires)
                + "\"}";
    }
}
