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
import jakarta.enterprise.inject.spi.AfterTypeDiscovery;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;
import jakarta.enterprise.inject.spi.ProcessObserverMethod;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import one.aisa.xlink.XAccount;
import one.aisa.xlink.XAccountLinker;
import one.aisa.xlink.XLinkConfigException;
import one.aisa.xlink.XLinkEvent;
import one.aisa.xlink.internal.DataSources;
import one.aisa.xlink.internal.client.AisaTwitterApi;
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
 *   <li>makes sure the Rest Client interface is seen by the Rest Client extension.
 * </ul>
 */
public class XLinkExtension implements Extension {

    private final Set<String> injected = new TreeSet<>();
    private final Set<String> looked = new TreeSet<>();

    /** Malformed names at injection points: always fatal, since those accounts are injected. */
    private final List<String> injectionProblems = new ArrayList<>();

    /** Malformed names under {@code aisa.accounts.}: fatal only when some linker is injected. */
    private final List<String> configuredNameProblems = new ArrayList<>();

    private boolean clientSeen;
    private volatile Configuration configuration;

    void seeClient(@Observes ProcessAnnotatedType<AisaTwitterApi> type) {
        clientSeen = true;
    }

    /** Archives that discover only annotated types never show the interface: add it then. */
    void addClient(@Observes AfterTypeDiscovery event) {
        if (!clientSeen) {
            event.addAnnotatedType(AisaTwitterApi.class, AisaTwitterApi.class.getName());
        }
    }

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
            event.addBean(new LinkerBean(account, qualifiers, beans));
        }
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

    /** Returns the configuration, read from MicroProfile Config once. */
    public Configuration configuration() {
        Configuration current = configuration;
        if (current == null) {
            synchronized (this) {
                current = configuration;
                if (current == null) {
                    Config config = ConfigProvider.getConfig();
                    current = new Configuration(key -> config.getOptionalValue(key, String.class));
                    configuration = current;
                }
            }
        }
        return current;
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
