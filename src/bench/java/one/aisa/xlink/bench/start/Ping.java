package one.aisa.xlink.bench.start;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Answers 200 once the application is up. */
@Path("ping")
public class Ping {

    /**
     * Says the application is up.
     *
     * @return {@code ok}
     */
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String ping() {
        return "ok";
    }
}
