package one.aisa.xlink.bench.start.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

/**
 * An application bean of the application's own that is created as the application starts and does
 * nothing else: what the first such bean costs an application that had none, module or not.
 */
@ApplicationScoped
public class StartObserver {

    void started(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // Observing the start is the point: the container creates the bean to notify it.
    }
}
