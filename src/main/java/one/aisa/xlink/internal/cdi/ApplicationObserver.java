package one.aisa.xlink.internal.cdi;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Set;

import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.interceptor.Interceptor;

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

    private final Annotation qualifier;
    private final int priority;
    private final Runnable action;

    private ApplicationObserver(Annotation qualifier, int priority, Runnable action) {
        this.qualifier = qualifier;
        this.priority = priority;
        this.action = action;
    }

    /**
     * Observes {@code @Initialized(ApplicationScoped.class)} before the application's own observers
     * do, so that what {@code action} starts is running when they use a linker.
     */
    static ApplicationObserver started(Runnable action) {
        return new ApplicationObserver(
                Initialized.Literal.APPLICATION, Interceptor.Priority.LIBRARY_BEFORE, action);
    }

    /**
     * Observes {@code @BeforeDestroyed(ApplicationScoped.class)} after the application's own
     * observers, so that they may still use their linkers, and before any bean is destroyed.
     */
    static ApplicationObserver stopping(Runnable action) {
        return new ApplicationObserver(
                BeforeDestroyed.Literal.APPLICATION, Interceptor.Priority.LIBRARY_AFTER, action);
    }

    @Override
    public void notify(Object event) {
        action.run();
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
    public int getPriority() {
        return priority;
    }

    @Override
    public String toString() {
        return "aisa-x-link observer of " + qualifier;
    }
}
