package one.aisa.xlink.internal.cdi;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;
import jakarta.enterprise.inject.spi.ProcessObserverMethod;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import one.aisa.xlink.XAccount;
import one.aisa.xlink.XAccountLinker;
import one.aisa.xlink.XLinkConfigException;
import one.aisa.xlink.XLinkEvent;
import one.aisa.xlink.internal.DataSources;
import one.aisa.xlink.internal.LinkerRuntime;
import one.aisa.xlink.internal.config.Configuration;
import one.aisa.xlink.internal.config.Keys;
import one.aisa.xlink.internal.config.RegistrySettings;
import one.aisa.xlink.internal.events.ObserverGuard;

/**
 * Wires the module into CDI:
 *
 * <ul>
 *   <li>adds one application-scoped {@link XAccountLinker} bean per account: {@code default}, every
 *       name at an injection point, and every name under {@code aisa.accounts.*};
 *   <li>checks the configuration of every injected account at deployment and fails it with one
 *       message listing every problem;
 *   <li>wraps each observer of a link event in an {@link ObserverGuard};
 *   <li>ties the application's {@link LinkerRuntime} to the application: created by the first
 *       linker (or as the application starts, for a database registry), stopped as it starts to
 *       stop.
 * </ul>
 *
 * <p>The library jar is not a bean archive ({@code bean-discovery-mode="none"}): the container
 * discovers none of its classes, and the module adds to the application only the beans above.
 */
public class XLinkExtension implements Extension {

    private final Set<String> injected = new TreeSet<>();
    private final Set<String> looked = new TreeSet<>();

    /** Malformed names at injection points: always fatal, since those accounts are injected. */
    private final List<String> injectionProblems = new ArrayList<>();

    /** Malformed names under {@code aisa.accounts.}: fatal only when some linker is injected. */
    private final List<String> configuredNameProblems = new ArrayList<>();

    /** Read on first use; guarded by {@code this}. */
    private Configuration configuration;

    private BeanManager beans;

    /**
     * The application's class loader, taken as the container deploys it: the thread that creates
     * the runtime later may carry another.
     */
    private ClassLoader application;

    /** The application's runtime, created on first use; guarded by {@code this}. */
    private LinkerRuntime runtime;

    private boolean stopping;

    void collectInjected(@Observes ProcessInjectionPoint<?, XAccountLinker> event) {
        String account = accountOf(event.getInjectionPoint());
        if (account != null) {
            injected.add(account);
        }
    }

    void collectLookedUp(@Observes ProcessInjectionPoint<?, Instance<XAccountLinker>> event) {
        String account = accountOf(event.getInjectionPoint());
        if (account != null) {
            looked.add(account);
        }
    }

    void guardObservers(@Observes ProcessObserverMethod<? extends XLinkEvent, ?> event) {
        guard(event);
    }

    void addLinkers(@Observes AfterBeanDiscovery event, BeanManager beans) {
        this.beans = beans;
        ClassLoader deploying = Thread.currentThread().getContextClassLoader();
        application = deploying != null ? deploying : XLinkExtension.class.getClassLoader();
        Set<String> accounts = new TreeSet<>(injected);
        accounts.addAll(looked);
        accounts.add(XAccount.DEFAULT);
        accounts.addAll(configuredAccounts());
        for (String account : accounts) {
            Set<Annotation> qualifiers =
                    account.equals(XAccount.DEFAULT)
                            ? Set.of(
                                    XAccount.Literal.of(account),
                                    Any.Literal.INSTANCE,
                                    Default.Literal.INSTANCE)
                            : Set.of(XAccount.Literal.of(account), Any.Literal.INSTANCE);
            event.addBean(new LinkerBean(account, qualifiers, this));
        }
        event.addObserverMethod(ApplicationObserver.started(this::started));
        event.addObserverMethod(ApplicationObserver.stopping(this::stopping));
    }

    void validate(@Observes AfterDeploymentValidation event) {
        if (injected.isEmpty() && injectionProblems.isEmpty()) {
            return;
        }
        List<String> problems = new ArrayList<>(injectionProblems);
        problems.addAll(configuredNameProblems);
        problems.addAll(configuration().problems(injected));
        if (problems.isEmpty() && configuration().registry().kind() == RegistrySettings.Kind.JDBC) {
            try {
                DataSources.lookup(configuration().registry().dataSource());
            } catch (XLinkConfigException e) {
                event.addDeploymentProblem(e);
                return;
            }
        }
        if (!problems.isEmpty()) {
            event.addDeploymentProblem(Configuration.failure(problems));
            return;
        }
        Log.LOG.log(
                System.Logger.Level.INFO,
                "AISAX000: aisa-x-link "
                        + version()
                        + " ready for account(s) "
                        + injected
                        + " at "
                        + configuration().shared().baseUrl());
    }

    /**
     * Starts a database registry with the application rather than with its first linker, so a
     * server that starts or restarts takes part in expiring the links in the table at once. The
     * in-memory registry has nothing to pick up and starts with the first linker.
     */
    void started() {
        RegistrySettings settings;
        try {
            settings = configuration().registry();
        } catch (XLinkConfigException e) {
            return; // reported at deployment or on first use
        }
        if (settings.kind() == RegistrySettings.Kind.JDBC) {
            runtime();
        }
    }

    /**
     * Stops the runtime as the application starts to stop, once its own observers of that moment
     * have run and before any application-scoped bean is destroyed, so that no link event reaches a
     * bean being destroyed.
     */
    void stopping() {
        stop();
    }

    /** Stops the runtime if the application-scoped context ended without the event above. */
    void shutdown(@Observes BeforeShutdown event) {
        stop();
    }

    /**
     * Builds an account's linker. One whose configuration is bad only reports it, so it creates no
     * runtime and starts no thread.
     */
    XAccountLinker linker(String account) {
        try {
            configuration().account(account);
        } catch (XLinkConfigException e) {
            return LinkerRuntime.misconfigured(account, e);
        }
        return runtime().linker(account);
    }

    /**
     * Returns the application's runtime, creating it on first use. Created after the application
     * started to stop, it is stopped at once, so its linkers fail as a stopped runtime's do.
     */
    synchronized LinkerRuntime runtime() {
        if (runtime == null) {
            runtime = new LinkerRuntime(configuration(), beans, application);
            if (stopping) {
                runtime.stop();
            }
        }
        return runtime;
    }

    private void stop() {
        LinkerRuntime created;
        synchronized (this) {
            stopping = true;
            created = runtime;
        }
        if (created != null) {
            created.stop();
        }
    }

    /** Returns the configuration, read from MicroProfile Config once. */
    private synchronized Configuration configuration() {
        if (configuration == null) {
            Config config = ConfigProvider.getConfig();
            configuration = new Configuration(key -> config.getOptionalValue(key, String.class));
        }
        return configuration;
    }

    /** Returns the account of an injection point, or null after recording a malformed name. */
    private String accountOf(InjectionPoint point) {
        String account = XAccount.DEFAULT;
        for (Annotation qualifier : point.getQualifiers()) {
            if (qualifier instanceof XAccount named) {
                account = named.value();
            }
        }
        if (!XAccount.Literal.isValidName(account)) {
            injectionProblems.add(
                    "@XAccount(\""
                            + account
                            + "\") at "
                            + point.getMember()
                            + ": account names must match [a-z0-9-]+ and have at most 64 characters");
            return null;
        }
        return account;
    }

    /** Account names under {@code aisa.accounts.<name>.}; malformed names become problems. */
    private Set<String> configuredAccounts() {
        Set<String> names = new TreeSet<>();
        for (String key : ConfigProvider.getConfig().getPropertyNames()) {
            if (!key.startsWith(Keys.ACCOUNTS_PREFIX)) {
                continue;
            }
            String rest = key.substring(Keys.ACCOUNTS_PREFIX.length());
            int dot = rest.indexOf('.');
            if (dot <= 0) {
                continue;
            }
            String name = rest.substring(0, dot);
            if (XAccount.Literal.isValidName(name)) {
                names.add(name);
            } else {
                configuredNameProblems.add(
                        key
                                + ": account names must match [a-z0-9-]+ and have at most 64 characters");
            }
        }
        return names;
    }

    private static <T> void guard(ProcessObserverMethod<T, ?> event) {
        ObserverGuard<T> guard = new ObserverGuard<>(event.getObserverMethod());
        event.configureObserverMethod().notifyWith(guard::notify);
    }

    /** Holds the logger, so that an application that injects no linker does not create it. */
    private static final class Log {
        static final System.Logger LOG = System.getLogger(XLinkExtension.class.getName());
    }

    private static String version() {
        String version = XLinkExtension.class.getPackage().getImplementationVersion();
        return version != null ? version : "(development build)";
    }
}
