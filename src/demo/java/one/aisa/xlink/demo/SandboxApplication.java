package one.aisa.xlink.demo;

import java.util.Set;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The sandbox that stands in for AIsa and X, under {@code /sandbox}; active in sandbox mode. */
@ApplicationPath("sandbox")
public class SandboxApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(SandboxResource.class);
    }
}
