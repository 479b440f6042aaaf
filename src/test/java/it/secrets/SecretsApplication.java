package it.secrets;

import java.util.Set;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Lets the client side of {@link SecretsIT} run the flows over HTTP. */
@ApplicationPath("api")
public class SecretsApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(FlowsResource.class);
    }
}
