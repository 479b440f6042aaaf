package it.lifecycle;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import one.aisa.xlink.XAccountLinker;
import one.aisa.xlink.XLink;
import one.aisa.xlink.XLinkRequest;
import one.aisa.xlink.XScope;

/**
 * What one deployment of the redeployed application does before it is undeployed. The stub tells
 * the lifetimes apart by the requested scopes (see {@link RedeployIT}).
 */
@Path("links")
@RequestScoped
public class LinksResource {

    /** Requested links, each announced sync and async, plus the expiry of one, both ways. */
    static final int EVENTS_BEFORE_UNDEPLOY = 6 * 2 + 2;

    @Inject XAccountLinker linker;

    /**
     * Requests three links that live an hour, two that live three seconds and one that arrives
     * expired, starts one asynchronous request the stub answers late, and returns once the events
     * of the links so far have been observed.
     */
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public String requestLinks() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            linker.requestLink();
        }
        for (int i = 0; i < 2; i++) {
            linker.requestLink(Set.of(XScope.TWEET_READ));
        }
        linker.requestLink(Set.of(XScope.USERS_READ));
        CompletableFuture<XLink> late =
                linker.requestLinkAsync(XLinkRequest.ofScopes(Set.of(XScope.DM_READ)))
                        .toCompletableFuture();

        boolean seen = CycleObservers.awaitSeen(EVENTS_BEFORE_UNDEPLOY, Duration.ofSeconds(10));

        var threads = Json.createArrayBuilder();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith(Probes.MODULE_THREAD_PREFIX)) {
                threads.add(thread.getName());
            }
        }
        return Json.createObjectBuilder()
                .add("eventsSeen", seen)
                .add("events", CycleObservers.seenHere())
                .add("pending", linker.pendingLinks().size())
                .add("asyncInFlight", !late.isDone())
                .add("moduleThreads", threads)
                .build()
                .toString();
    }
}
