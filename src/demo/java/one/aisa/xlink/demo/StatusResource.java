package one.aisa.xlink.demo;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import one.aisa.xlink.XAccountLinker;
import one.aisa.xlink.XScope;

/** Tells the page whether the demo talks to the sandbox or to AIsa, and what it can ask for. */
@Path("status")
@ApplicationScoped
public class StatusResource {

    private static final List<XScope> OFFERED =
            List.of(
                    XScope.FOLLOWS_WRITE,
                    XScope.TWEET_READ,
                    XScope.USERS_READ,
                    XScope.TWEET_WRITE,
                    XScope.LIKE_WRITE,
                    XScope.DM_READ,
                    XScope.DM_WRITE,
                    XScope.OFFLINE_ACCESS,
                    XScope.MEDIA_WRITE,
                    XScope.FOLLOWS_READ,
                    XScope.LIKE_READ,
                    XScope.LIST_READ,
                    XScope.LIST_WRITE,
                    XScope.BLOCK_READ,
                    XScope.BLOCK_WRITE,
                    XScope.MUTE_READ,
                    XScope.MUTE_WRITE,
                    XScope.BOOKMARK_READ,
                    XScope.BOOKMARK_WRITE,
                    XScope.SPACE_READ,
                    XScope.TWEET_MODERATE_WRITE);

    @Inject private XAccountLinker linker;

    @Inject
    @ConfigProperty(name = "aisa.base-url", defaultValue = "https://api.aisa.one/apis/v1")
    private String baseUrl;

    /**
     * Returns the demo's mode and the scopes on offer.
     *
     * @return the status
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public DemoStatus status() {
        DemoSettings settings = DemoSettings.current();
        Set<XScope> defaults = XScope.defaults();
        return new DemoStatus(
                settings.sandbox() ? "sandbox" : "real",
                settings.reason(),
                baseUrl,
                linker.account(),
                OFFERED.stream()
                        .map(s -> new DemoStatus.ScopeOption(s.name(), defaults.contains(s)))
                        .toList());
    }
}
