package one.aisa.xlink.demo;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Lists the CDI events the demo observed, for the page to poll. */
@Path("events")
@ApplicationScoped
public class EventsResource {

    @Inject private EventLog log;

    /**
     * Returns the events observed after the given one, oldest first.
     *
     * @param after the last sequence number the page has seen; 0 for all kept events
     * @return the newer events
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<ObservedEvent> events(@QueryParam("after") @DefaultValue("0") long after) {
        return log.after(after);
    }
}
