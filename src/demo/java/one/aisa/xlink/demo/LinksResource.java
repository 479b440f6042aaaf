package one.aisa.xlink.demo;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import one.aisa.xlink.XAccountLinker;
import one.aisa.xlink.XLink;
import one.aisa.xlink.XLinkRequest;
import one.aisa.xlink.XScope;

/**
 * Requests links for the page and acts on the pending ones: the part of the demo that shows how an
 * application uses {@link XAccountLinker}.
 */
@Path("links")
@ApplicationScoped
public class LinksResource {

    @Inject private XAccountLinker linker;

    /**
     * Returns the pending links, soonest to expire first.
     *
     * @return the links and the server's clock
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public PendingLinks pending() {
        List<LinkView> links =
                linker.pendingLinks().stream()
                        .sorted(Comparator.comparing(XLink::expiresAt))
                        .map(LinkView::of)
                        .toList();
        return new PendingLinks(Instant.now(), links);
    }

    /**
     * Requests a link from AIsa (or the sandbox) for the scopes and subject the person chose.
     * Failures from AIsa reach the page through {@link XLinkExceptionMapper}.
     *
     * @param form the subject and scope names
     * @return 201 with the new link, or 400 with the reason the form was refused
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response request(LinkForm form) {
        XLinkRequest request;
        try {
            request = toRequest(form);
        } catch (IllegalArgumentException e) {
            return badRequest(e.getMessage());
        }

        XLink link = linker.requestLink(request);

        return Response.status(Response.Status.CREATED).entity(LinkView.of(link)).build();
    }

    /**
     * Records that the person approved the link on X. With the real AIsa nothing tells the
     * application so; the person says it by pressing "Mark linked".
     *
     * @param handle the link's handle
     * @return 204, or 404 if no such link is pending
     */
    @POST
    @Path("{handle}/linked")
    public Response markLinked(@PathParam("handle") String handle) {
        boolean marked = find(handle).map(link -> linker.markLinked(link.state())).orElse(false);
        return marked ? Response.noContent().build() : notPending();
    }

    /**
     * Stops tracking a pending link; no event follows.
     *
     * @param handle the link's handle
     * @return 204, or 404 if no such link is pending
     */
    @DELETE
    @Path("{handle}")
    public Response cancel(@PathParam("handle") String handle) {
        boolean cancelled = find(handle).map(link -> linker.cancel(link.state())).orElse(false);
        return cancelled ? Response.noContent().build() : notPending();
    }

    /**
     * Where the sandbox's consent page sends the person back. AIsa has no such redirect (its
     * callback is its own), so this exists only in sandbox mode.
     *
     * @param state the link's state, as the sandbox issued it
     * @param result {@code approved} or {@code denied}
     * @return a redirect to the page, telling it the outcome; 404 outside sandbox mode
     */
    @GET
    @Path("sandbox-return")
    public Response sandboxReturn(
            @QueryParam("state") String state, @QueryParam("result") String result) {
        if (!DemoSettings.current().sandbox()) {
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        String outcome;
        if (state == null || state.isBlank()) {
            outcome = "unknown";
        } else if ("approved".equals(result)) {
            outcome = linker.markLinked(state) ? "linked" : "unknown";
        } else {
            outcome = linker.cancel(state) ? "denied" : "unknown";
        }
        URI page =
                UriBuilder.fromUri(DemoSettings.current().origin())
                        .path("/")
                        .queryParam("outcome", outcome)
                        .build();
        return Response.seeOther(page).build();
    }

    private Optional<XLink> find(String handle) {
        return linker.pendingLinks().stream()
                .filter(link -> Handles.of(link).equals(handle))
                .findFirst();
    }

    private static XLinkRequest toRequest(LinkForm form) {
        if (form == null) {
            throw new IllegalArgumentException(
                    "The request has no body: send a subject and scopes");
        }
        if (form.scopes() == null || form.scopes().isEmpty()) {
            throw new IllegalArgumentException("Pick at least one scope");
        }
        List<XScope> scopes = new ArrayList<>();
        for (String name : form.scopes()) {
            if (name == null) {
                throw new IllegalArgumentException("A scope name is missing");
            }
            scopes.add(XScope.of(name));
        }

        XLinkRequest.Builder builder = XLinkRequest.builder().scopes(scopes);
        if (form.subject() != null && !form.subject().isBlank()) {
            builder.subject(form.subject().strip());
        }
        return builder.build();
    }

    private static Response badRequest(String message) {
        return Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON)
                .entity(new ErrorView("InvalidForm", message, null, false))
                .build();
    }

    private static Response notPending() {
        return Response.status(Response.Status.NOT_FOUND)
                .type(MediaType.APPLICATION_JSON)
                .entity(new ErrorView("NotPending", "No such link is pending", null, false))
                .build();
    }
}
