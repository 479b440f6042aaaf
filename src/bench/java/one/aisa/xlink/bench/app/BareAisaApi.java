package one.aisa.xlink.bench.app;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The same {@code auth_twitter} call as the module's client, with nothing around it: the bare Rest
 * Client contender. Its base URL is {@code bare/mp-rest/uri} (the driver sets {@code
 * BARE_MP_REST_URI}).
 */
@RegisterRestClient(configKey = "bare")
@Path("/twitter")
public interface BareAisaApi {

    /** Blocking call; the answer's body as text. */
    @POST
    @Path("/auth_twitter")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    String authTwitter(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            BareBody body);
}
