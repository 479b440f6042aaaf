package one.aisa.xlink.bench.start.typical;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * What an application already using CDI, MicroProfile Config and a Rest Client has before it adds
 * the module: a bean that injects a Rest Client and a configuration value and is created as the
 * application starts.
 */
@ApplicationScoped
public class ServicesAtStartup {

    @Inject @RestClient StatusApi status;

    @Inject
    @ConfigProperty(name = "bench.service.name", defaultValue = "status")
    String name;

    void started(@Observes @Initialized(ApplicationScoped.class) Object application) {
        if (status == null || name.isEmpty()) {
            throw new IllegalStateException(
                    "the Rest Client or the configuration was not injected");
        }
    }
}
