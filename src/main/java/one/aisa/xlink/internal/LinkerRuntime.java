package one.aisa.xlink.internal;

import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.inject.spi.BeanManager;

import one.aisa.xlink.XAccountLinker;
import one.aisa.xlink.XLinkConfigException;
import one.aisa.xlink.internal.client.AisaClients;
import one.aisa.xlink.internal.client.AisaGateway;
import one.aisa.xlink.internal.config.AccountSettings;
import one.aisa.xlink.internal.config.Configuration;
import one.aisa.xlink.internal.config.RegistrySettings;
import one.aisa.xlink.internal.config.SharedSettings;
import one.aisa.xlink.internal.events.LinkEvents;
import one.aisa.xlink.internal.registry.JdbcLinks;
import one.aisa.xlink.internal.registry.LinkRegistry;
import one.aisa.xlink.internal.registry.PendingLinks;
import one.aisa.xlink.internal.response.ReplyInterpreter;
import one.aisa.xlink.internal.retry.Retrying;

/**
 * What all accounts of one application share: the pending links and their scheduler, the gateway,
 * the event dispatch. Builds each account's linker.
 *
 * <p>A plain object, not a bean: the module's CDI extension creates it with the first linker (or,
 * for a database registry, when the application starts) and stops it as the application starts to
 * stop, before any application-scoped bean is destroyed. Keeping the library's classes out of bean
 * discovery is what keeps the module's share of an application's start small.
 */
public final class LinkerRuntime {

    private static final String EXPIRY_THREAD = "aisa-x-link-expiry";
    private static final String TIMER_THREAD = "aisa-x-link-timer";
    private static final String CALL_THREAD = "aisa-x-link-call";

    /** Calls to AIsa in flight at once; more wait in line, each under its own deadline. */
    private static final int MAX_CALL_THREADS = 64;

    private final Configuration configuration;
    private final LinkEvents events;

    /** The gateway over the Rest Client, both created by the first call. */
    private volatile AisaGateway gateway;

    /**
     * The application's class loader: the module's threads carry it, and the Rest Client is built
     * with it, whichever thread creates the runtime or makes the first call.
     */
    private final ClassLoader application;

    private final Clock clock = Clock.systemUTC();
    private final LinkRegistry pending;
    private XLinkConfigException registryProblem;
    private final ScheduledThreadPoolExecutor timer;
    private final ThreadFactory callThreads;

    /** Created by the first call to AIsa; guarded by {@code this}. */
    private ThreadPoolExecutor calls;

    private boolean stopped;
    private final Retrying retrying;
    private volatile ReplyInterpreter interpreter;

    /**
     * Creates the runtime and starts its registry and timer.
     *
     * @param configuration the application's configuration, already checked at deployment
     * @param beans the application's bean manager
     * @param application the application's class loader
     */
    public LinkerRuntime(Configuration configuration, BeanManager beans, ClassLoader application) {
        this.configuration = configuration;
        this.application = application;
        this.events = new LinkEvents(beans);
        pending = registry();
        timer = new ScheduledThreadPoolExecutor(1, threads(TIMER_THREAD));
        timer.setRemoveOnCancelPolicy(true);
        // As in PendingLinks: a task due within 10 s keeps each new deadline of an asynchronous
        // request (30 s by default) from becoming the earliest task, which would wake the thread.
        timer.scheduleWithFixedDelay(() -> {}, 10, 10, TimeUnit.SECONDS);
        callThreads = threads(CALL_THREAD);
        retrying = new Retrying(timer, this::call);
    }

    /** Runs a call to AIsa on a call thread; the pool is created with the first call. */
    private void call(Runnable task) {
        calls().execute(task);
    }

    private synchronized Executor calls() {
        if (calls == null) {
            calls =
                    new ThreadPoolExecutor(
                            MAX_CALL_THREADS,
                            MAX_CALL_THREADS,
                            30,
                            TimeUnit.SECONDS,
                            new LinkedBlockingQueue<>(),
                            callThreads);
            calls.allowCoreThreadTimeOut(true);
            if (stopped) {
                // Rejects the call, as the stopped pool would have.
                calls.shutdownNow();
            }
        }
        return calls;
    }

    /**
     * Stops every thread of the module, fails requests still running and releases the Rest Client,
     * so that nothing keeps the application's class loader or fires into a stopped application.
     * Safe to call twice.
     */
    public void stop() {
        retrying.close();
        timer.shutdownNow();
        ThreadPoolExecutor started;
        AisaGateway createdGateway;
        synchronized (this) {
            stopped = true;
            started = calls;
            createdGateway = gateway;
        }
        if (started != null) {
            started.shutdownNow();
        }
        if (pending != null) {
            pending.close();
        }
        try {
            if (!timer.awaitTermination(10, TimeUnit.SECONDS)
                    || (started != null && !started.awaitTermination(10, TimeUnit.SECONDS))) {
                Log.LOG.log(
                        System.Logger.Level.WARNING,
                        "AISAX062: a thread of the module did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (createdGateway != null) {
            try {
                AisaClients.close(createdGateway.api());
            } catch (Exception e) {
                // Its connections may outlive the application until the JVM collects them.
                Log.LOG.log(
                        System.Logger.Level.WARNING,
                        "AISAX063: the Rest Client was not closed: " + e.getClass().getName());
            }
        }
    }

    /**
     * Builds the configured registry. A configuration problem leaves it null: every linker then
     * reports the problem (injected ones already failed the deployment).
     */
    private LinkRegistry registry() {
        RegistrySettings settings;
        try {
            settings = configuration.registry();
        } catch (XLinkConfigException e) {
            registryProblem = e;
            return null;
        }
        if (settings.kind() == RegistrySettings.Kind.MEMORY) {
            return new PendingLinks(events, clock, threads(EXPIRY_THREAD));
        }
        javax.sql.DataSource dataSource;
        try {
            dataSource = DataSources.lookup(settings.dataSource());
        } catch (XLinkConfigException e) {
            registryProblem = e;
            return null;
        }
        JdbcLinks links =
                new JdbcLinks(
                        events,
                        clock,
                        threads(EXPIRY_THREAD),
                        dataSource,
                        settings.encryptionKey(),
                        settings.table(),
                        settings.sweepInterval(),
                        settings.claimLease());
        links.start();
        return links;
    }

    /** Returns the linker of an account, or one that reports its configuration problems. */
    public XAccountLinker linker(String name) {
        if (registryProblem != null) {
            return new MisconfiguredLinker(name, registryProblem);
        }
        try {
            AccountSettings account = configuration.account(name);
            SharedSettings shared = configuration.shared();
            return new AccountLinker(
                    account,
                    shared,
                    this::gateway,
                    interpreter(shared),
                    pending,
                    events,
                    retrying,
                    clock);
        } catch (XLinkConfigException e) {
            return new MisconfiguredLinker(name, e);
        }
    }

    /**
     * Returns a linker that only reports its account's configuration problems.
     *
     * @param account the account's name
     * @param problems what is wrong with its configuration
     */
    public static XAccountLinker misconfigured(String account, XLinkConfigException problems) {
        return new MisconfiguredLinker(account, problems);
    }

    /**
     * The gateway, created by the first call to AIsa: building its Rest Client takes the Rest
     * Client implementation a few hundred milliseconds, which the application's start need not wait
     * for.
     */
    private AisaGateway gateway() {
        AisaGateway created = gateway;
        if (created == null) {
            synchronized (this) {
                created = gateway;
                if (created == null) {
                    if (stopped) {
                        // A call that passed the retry loop's check as the application stopped.
                        throw Retrying.stopping();
                    }
                    SharedSettings shared = configuration.shared();
                    created =
                            new AisaGateway(
                                    AisaClients.build(
                                            shared.baseUrl(),
                                            shared.call(),
                                            shared.transport(),
                                            application));
                    gateway = created;
                }
            }
        }
        return created;
    }

    private ReplyInterpreter interpreter(SharedSettings shared) {
        ReplyInterpreter current = interpreter;
        if (current == null) {
            current = new ReplyInterpreter(shared.authHosts(), clock);
            interpreter = current;
        }
        return current;
    }

    /** Holds the logger, which only stopping needs, so that starting does not create it. */
    private static final class Log {
        static final System.Logger LOG = System.getLogger(LinkerRuntime.class.getName());
    }

    /**
     * The module's threads carry the application's class loader, so observers and the Rest Client
     * they call resolve the application's classes.
     */
    private ThreadFactory threads(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.setContextClassLoader(application);
            return thread;
        };
    }
}
