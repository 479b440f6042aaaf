package one.aisa.xlink.internal.cdi;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessBean;
import jakarta.enterprise.inject.spi.ProcessBeanAttributes;
import jakarta.enterprise.inject.spi.ProcessInjectionTarget;
import jakarta.enterprise.inject.spi.ProcessProducer;
import jakarta.interceptor.Interceptor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class XLinkExtensionTest {

    /** The types of the events the extension's own observer methods observe. */
    private static List<Type> observedTypes() {
        List<Type> observed = new ArrayList<>();
        for (Method method : XLinkExtension.class.getDeclaredMethods()) {
            for (Parameter parameter : method.getParameters()) {
                if (parameter.isAnnotationPresent(Observes.class)) {
                    observed.add(parameter.getParameterizedType());
                }
            }
        }
        return observed;
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType parameterized
                ? (Class<?>) parameterized.getRawType()
                : (Class<?>) type;
    }

    /**
     * Weld takes an extension that observes {@code Object}, whatever the qualifiers, for one that
     * observes every container lifecycle event, and fires those for every class and bean of the
     * deployment; one that observes these kinds has them fired for every class or bean.
     */
    @Test
    void observesNoEventThatWeldWouldFireForTheWholeDeployment() {
        List<Type> observed = observedTypes();

        assertThat(observed).isNotEmpty();
        for (Type type : observed) {
            assertThat(raw(type))
                    .as("observed type %s", type.getTypeName())
                    .isNotEqualTo(Object.class)
                    .matches(
                            c ->
                                    !ProcessAnnotatedType.class.isAssignableFrom(c)
                                            && !ProcessBean.class.isAssignableFrom(c)
                                            && !ProcessBeanAttributes.class.isAssignableFrom(c)
                                            && !ProcessInjectionTarget.class.isAssignableFrom(c)
                                            && !ProcessProducer.class.isAssignableFrom(c),
                            "not a per-class or per-bean event");
        }
    }

    @Test
    void theApplicationsStartReachesTheModuleBeforeTheApplicationsOwnObservers() {
        AtomicInteger runs = new AtomicInteger();
        ApplicationObserver observer = ApplicationObserver.started(runs::incrementAndGet);

        observer.notify(new Object());

        assertThat(runs).hasValue(1);
        assertThat(observer.getObservedType()).isEqualTo(Object.class);
        assertThat(observer.getObservedQualifiers())
                .containsExactly(Initialized.Literal.APPLICATION);
        assertThat(observer.getPriority()).isLessThan(Interceptor.Priority.APPLICATION);
        assertThat(observer.isAsync()).isFalse();
        assertThat(observer.getTransactionPhase()).isEqualTo(TransactionPhase.IN_PROGRESS);
    }

    @Test
    void theApplicationsStopReachesTheModuleAfterTheApplicationsOwnObservers() {
        AtomicInteger runs = new AtomicInteger();
        ApplicationObserver observer = ApplicationObserver.stopping(runs::incrementAndGet);

        observer.notify(new Object());

        assertThat(runs).hasValue(1);
        assertThat(observer.getObservedQualifiers())
                .containsExactly(BeforeDestroyed.Literal.APPLICATION);
        assertThat(observer.getPriority())
                .isGreaterThan(Interceptor.Priority.APPLICATION + 500)
                .isLessThan(Interceptor.Priority.PLATFORM_AFTER);
    }
}
