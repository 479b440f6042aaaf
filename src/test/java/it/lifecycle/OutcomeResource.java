package it.lifecycle;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Reports, from an application without the module, what {@link LinkerAtStop} recorded. */
@Path("outcome/{name}")
public class OutcomeResource {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String outcome(@PathParam("name") String name) {
        return System.getProperty(LinkerAtStop.OUTCOME + name, "nothing recorded");
    }
}
