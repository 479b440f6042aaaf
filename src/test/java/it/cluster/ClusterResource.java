package it.cluster;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import one.aisa.xlink.XAccountLinker;
import one.aisa.xlink.XLinkException;

/**
 * What the cluster test drives over HTTP: request links, mark them linked. A failure answers 503
 * with the exception's class and the code its message starts with (never the message's rest).
 */
@Path("/")
@RequestScoped
public class ClusterResource {

    @Inject XAccountLinker linker;

    @GET
    @Path("health")
    public String health() {
        return "ok";
    }

    /** Requests {@code count} links expiring within [from, to) (epoch ms); one state per line. */
    @POST
    @Path("links")
    @Produces(MediaType.TEXT_PLAIN)
    public Response request(
            @QueryParam("count") int count,
            @QueryParam("from") long from,
            @QueryParam("to") long to) {
        StubAisa.windowFrom = from;
        StubAisa.windowTo = to;
        List<String> states = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                states.add(linker.requestLink().state());
            }
        } catch (XLinkException e) {
            return failure(e);
        }
        return Response.ok(String.join("\n", states)).build();
    }

    /** Marks the states (one per line) linked; answers how many this call ended. */
    @POST
    @Path("linked")
    @Produces(MediaType.TEXT_PLAIN)
    public Response linked(String states) {
        List<String> ended = new ArrayList<>();
        try {
            for (String state : states.split("\n")) {
                if (!state.isBlank() && linker.markLinked(state.strip())) {
                    ended.add(state.strip());
                }
            }
        } catch (XLinkException e) {
            return failure(e);
        }
        return Response.ok(String.join("\n", ended)).build();
    }

    private static Response failure(XLinkException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        String code = message.length() >= 8 ? message.substring(0, 8) : message;
        return Response.status(503)
                .entity(e.getClass().getSimpleName() + " " + code)
                .type(MediaType.TEXT_PLAIN)
                .build();
    }
}
