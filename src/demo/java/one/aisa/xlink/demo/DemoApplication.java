package one.aisa.xlink.demo;

import java.util.Set;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The demo's own REST API, under {@code /api}, which the page at {@code /} calls. */
@ApplicationPath("api")
public class DemoApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(
                StatusResource.class,
                LinksResource.class,
                EventsResource.class,
                XLinkExceptionMapper.class,
                UnreadableRequestMapper.class);
    }
}
