package one.aisa.xlink.internal.cdi;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Set;

import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.spi.ObserverMethod;

/**
 * Tells the extension that the application-scoped context has started or is about to end.
 *
 * <p>Added to the application in {@code AfterBeanDiscovery} rather than declared as an observer
 * method of the extension: Weld takes an extension's observer of {@code Object}, whatever its
 * qualifiers, for an observer of every container lifecycle event, and then fires {@code
 * ProcessAnnotatedType}, {@code ProcessBeanAttributes}, {@code ProcessProducer} and the like for
 * every class and bean of the deployment, the server's own included. An observer added here is an
 * ordinary one and costs nothing at deployment.
 */
final class ApplicationObserver implements ObserverMethod<Object> {

    private final XLinkExtension extension;
    private final Annotation qualifier;

    private ApplicationObserver(XLinkExtension extension, Annotation qualifier) {
        this.extension = extension;
        this.qualifier = qualifier;
    }

    /** Observes {@code @Initialized(ApplicationScoped.class)}. */
    static ApplicationObserver started(XLinkExtension extension) {
        return new ApplicationObserver(extension, Initialized.Literal.APPLICATION);
    }

    /** Observes {@code @BeforeDestroyed(ApplicationScoped.class)}. */
    static ApplicationObserver stopping(XLinkExtension extension) {
        return new ApplicationObserver(extension, BeforeDestroyed.Literal.APPLICATION);
    }

    @Override
    public void notify(Object event) {
        if (qualifier instanceof Initialized) {
            extension.started();
        } else {
            extension.stopping();
        }
    }

    @Override
    public Class<?> getBeanClass() {
        return XLinkExtension.class;
    }

    @Override
    public Type getObservedType() {
        return Object.class;
    }

    @Override
    public Set<Annotation> getObservedQualifiers() {
        return Set.of(qualifier);
    }

    @Override
    public Reception getReception() {
        return Reception.ALWAYS;
    }

    @Override
    public TransactionPhase getTransactionPhase() {
        return TransactionPhase.IN_PROGRESS;
    }

    @Override
    public String toString() {
        return "aisa-x-link observer of " + qualifier;
    }
}
