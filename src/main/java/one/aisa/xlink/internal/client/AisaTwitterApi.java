package one.aisa.xlink.internal.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;

/**
 * AIsa's Twitter endpoints, as a MicroProfile Rest Client that {@link AisaClients} builds for
 * {@code aisa.base-url} with the standard {@code aisa/mp-rest/*} timeouts, proxy and TLS keys.
 *
 * <p>The API key travels per call, so one client serves every account. The method returns the raw
 * response whatever its status ({@link UnmappedErrors}), and the caller reads and interprets every
 * body itself.
 */
@RegisterProvider(UnmappedErrors.class)
@RegisterProvider(MappedErrors.class)
@RegisterProvider(value = SendGuard.class, priority = Integer.MAX_VALUE)
@Path("/twitter")
public interface AisaTwitterApi {

    /** Header AIsa's gateway uses to recognise a repeated call. */
    String IDEMPOTENCY_KEY = "Idempotency-Key";

    /**
     * Asks for a link.
     *
     * @param authorization {@code Bearer <key>}
     * @param idempotencyKey the same for every attempt of one request
     * @param body the JSON text of {@link AuthTwitterBody}
     * @return the unread answer
     */
    @POST
    @Path("/auth_twitter")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response authTwitter(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
            String body);
}
