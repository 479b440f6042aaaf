package one.aisa.xlink.internal;

import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import one.aisa.xlink.XAccountLinker;
import one.aisa.xlink.XLinkConfigException;
import one.aisa.xlink.internal.cdi.XLinkExtension;
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
 * the event dispatch. Builds each account's linker. Created with the first linker and stopped with
 * the application, before any application-scoped bean is destroyed.
 */
@ApplicationScoped
public class LinkerRuntime {

    private static final String EXPIRY_THREAD = "aisa-x-link-expiry";
    private static final String TIMER_THREAD = "aisa-x-link-timer";
    private static final String CALL_THREAD = "aisa-x-link-call";

    /** Calls to AIsa in flight at once; more wait in line, each under its own deadline. */
    private static final int MAX_CALL_THREADS = 64;

    private XLinkExtension extension;
    private Instance<AisaGateway> gateways;
    private volatile AisaGateway gateway;
    private LinkEvents events;

    private final Clock clock = Clock.systemUTC();
    private LinkRegistry pending;
    private XLinkConfigException registryProblem;
    private ScheduledThreadPoolExecutor timer;
    private ThreadFactory callThreads;

    /** Created by the first call to AIsa; guarded by {@code this}. */
    private ThreadPoolExecutor calls;

    private boolean stopped;
    private Retrying retrying;
    private volatile ReplyInterpreter interpreter;

    /** For the container's client proxy. */
    protected LinkerRuntime() {}

    @Inject
    LinkerRuntime(XLinkExtension extension, Instance<AisaGateway> gateways, LinkEvents events) {
        this.extension = extension;
        this.gateways = gateways;
        this.events = events;
    }

    @PostConstruct
    void start() {
        pending = registry();
        timer = new ScheduledThreadPoolExecutor(1, threads(TIMER_THREAD));
        timer.setRemoveOnCancelPolicy(true);
        // As in PendingLinks: a task due within 10 s keeps each new deadline of an asynchronous
        // request (30 s by default) from becoming the earliest task, which would wake the thread.
        timer.scheduleWithFixedDelay(() -> {}, 10, 10, TimeUnit.SECONDS);
        // Taken now, so the call threads carry the application's class loader whichever thread
        // makes the first call.
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

    /** Does nothing; calling it through the client proxy creates, and so starts, the runtime. */
    void started() {}

    /** Stops expiry as soon as the application starts to stop, so no event reaches it after. */
    void stopping(
            @Observes(notifyObserver = Reception.IF_EXISTS)
                    @BeforeDestroyed(ApplicationScoped.class)
                    Object application) {
        stop();
    }

    /**
     * Stops every thread of the module and fails requests still running, so that nothing keeps the
     * application's class loader or fires into a stopped application. Safe to call twice.
     */
    @PreDestroy
    void stop() {
        retrying.close();
        timer.shutdownNow();
        ThreadPoolExecutor started;
        synchronized (this) {
            stopped = true;
            started = calls;
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
    }

    /**
     * Builds the configured registry. A configuration problem leaves it null: every linker then
     * reports the problem (injected ones already failed the deployment).
     */
    private LinkRegistry registry() {
        RegistrySettings settings;
        try {
            settings = extension.configuration().registry();
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
        Configuration configuration = extension.configuration();
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
                    created = gateways.get();
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
    private static ThreadFactory threads(String name) {
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.setContextClassLoader(application);
            return thread;
        };
    }
}
