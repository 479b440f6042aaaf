package one.aisa.xlink.internal.cdi;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.PassivationCapable;

import one.aisa.xlink.XAccountLinker;

/**
 * The application-scoped {@link XAccountLinker} bean of one account. Implemented directly rather
 * than through {@code AfterBeanDiscovery.addBean()}, whose configurator API the application would
 * otherwise load at deployment for nothing else.
 */
final class LinkerBean implements Bean<XAccountLinker>, PassivationCapable {

    private static final Set<Type> TYPES = Set.of(XAccountLinker.class, Object.class);

    private final String account;
    private final Set<Annotation> qualifiers;
    private final XLinkExtension extension;

    LinkerBean(String account, Set<Annotation> qualifiers, XLinkExtension extension) {
        this.account = account;
        this.qualifiers = qualifiers;
        this.extension = extension;
    }

    /** Builds the account's linker on the application's runtime, which the first one creates. */
    @Override
    public XAccountLinker create(CreationalContext<XAccountLinker> context) {
        return extension.linker(account);
    }

    @Override
    public void destroy(XAccountLinker instance, CreationalContext<XAccountLinker> context) {
        context.release();
    }

    @Override
    public String getId() {
        return "aisa-x-link:" + account;
    }

    @Override
    public Set<Type> getTypes() {
        return TYPES;
    }

    @Override
    public Set<Annotation> getQualifiers() {
        return qualifiers;
    }

    @Override
    public Class<? extends Annotation> getScope() {
        return ApplicationScoped.class;
    }

    @Override
    public String getName() {
        return null;
    }

    @Override
    public Set<Class<? extends Annotation>> getStereotypes() {
        return Set.of();
    }

    @Override
    public boolean isAlternative() {
        return false;
    }

    @Override
    public Class<?> getBeanClass() {
        return XAccountLinker.class;
    }

    @Override
    public Set<InjectionPoint> getInjectionPoints() {
        return Set.of();
    }

    @Override
    public String toString() {
        return "aisa-x-link linker of account \"" + account + "\"";
    }
}
