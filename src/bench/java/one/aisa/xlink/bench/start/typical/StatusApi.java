package one.aisa.xlink.bench.start.typical;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * A Rest Client of the application's own, as an application that calls some HTTP service has one.
 * Never called: nothing listens on the loopback port it names.
 */
@RegisterRestClient(configKey = "status", baseUri = "http://127.0.0.1:9/")
@Path("/status")
public interface StatusApi {

    /**
     * Reads the service's status.
     *
     * @return its status text
     */
    @GET
    String status();
}
