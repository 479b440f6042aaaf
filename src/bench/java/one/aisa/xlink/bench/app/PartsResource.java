package one.aisa.xlink.bench.app;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import one.aisa.xlink.XLink;
import one.aisa.xlink.XScope;
import one.aisa.xlink.internal.IdempotencyKeys;
import one.aisa.xlink.internal.client.RawReply;
import one.aisa.xlink.internal.config.CallPolicy;
import one.aisa.xlink.internal.events.LinkEvents;
import one.aisa.xlink.internal.registry.PendingLinks;
import one.aisa.xlink.internal.response.ReplyInterpreter;
import one.aisa.xlink.internal.retry.Retrying;

/**
 * Times, one by one and without the network, the pieces of work the linker adds around the HTTP
 * call. Uses the library's internals on purpose: this is a breakdown of them.
 */
@Path("/")
@ApplicationScoped
public class PartsResource {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final int BATCHES = 5;
    private static final int DISTINCT_LINKS = 1024;

    @Inject BeanManager beans;

    private LinkEvents events;

    private final AtomicLong sink = new AtomicLong();

    /** The event dispatch, built as the runtime builds it. */
    @PostConstruct
    void init() {
        events = new LinkEvents(beans);
    }

    /**
     * Runs every part {@code iterations} times after as many warm-up runs.
     *
     * @param iterations timed runs per part
     * @return CSV lines {@code part,nanosPerOp}
     */
    @POST
    @Path("parts")
    @Produces(MediaType.TEXT_PLAIN)
    public String parts(@QueryParam("iterations") int iterations) throws Exception {
        if (iterations < 1 || iterations > 1_000_000) {
            throw new IllegalArgumentException("iterations 1-1000000");
        }
        String key = StubAnswer.API_KEY;
        ReplyInterpreter interpreter =
                new ReplyInterpreter(List.of("twitter.com", "x.com"), Clock.systemUTC());
        String state = StubAnswer.state("partsrun", 1);
        byte[] body = StubAnswer.body(state);
        String bodyText = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        RawReply reply = new RawReply(200, Map.of("content-type", "application/json"), body, false);
        URI authUrl = URI.create(StubAnswer.authUrl(state));
        Instant expiresAt = Instant.parse("2099-01-01T00:00:00Z");
        // Built as the linker builds a link: AIsa's default scopes, no subject, no attributes.
        Supplier<XLink> newLink =
                () ->
                        new XLink(
                                "default",
                                state,
                                authUrl,
                                expiresAt,
                                XScope.defaults(),
                                Instant.now(),
                                null,
                                Map.of());
        XLink link = newLink.get();

        PendingLinks registry =
                new PendingLinks((l, end) -> {}, Clock.systemUTC(), r -> daemon(r, "parts-expiry"));
        ScheduledThreadPoolExecutor timer =
                new ScheduledThreadPoolExecutor(1, r -> daemon(r, "parts-timer"));
        timer.setRemoveOnCancelPolicy(true);
        ThreadPoolExecutor workers =
                new ThreadPoolExecutor(
                        64,
                        64,
                        30,
                        TimeUnit.SECONDS,
                        new LinkedBlockingQueue<>(),
                        r -> daemon(r, "parts-call"));
        workers.allowCoreThreadTimeOut(true);
        Retrying retrying = new Retrying(timer, workers);
        CallPolicy policy =
                new CallPolicy(
                        CALL_TIMEOUT,
                        3,
                        Duration.ofSeconds(1),
                        CALL_TIMEOUT,
                        1 << 20,
                        CallPolicy.UNBOUNDED,
                        CallPolicy.UNBOUNDED,
                        false);
        // Each link is cancelled right after it is registered, so its state can be used again.
        XLink[] links = new XLink[DISTINCT_LINKS];
        for (int i = 0; i < links.length; i++) {
            links[i] = withState(link, StubAnswer.state("partsreg", i));
        }
        AtomicLong counter = new AtomicLong();

        StringBuilder out = new StringBuilder();
        try {
            time(out, "idempotency-key", iterations, () -> IdempotencyKeys.next().length());
            time(
                    out,
                    "interpret-answer (JSON-P + URL + state + expiry checks)",
                    iterations,
                    () -> interpreter.grant(reply, key).state().length());
            time(
                    out,
                    "bare-parse (JSON-P, 3 fields, typed)",
                    iterations,
                    () -> Parsed.of(bodyText).state().length());
            time(
                    out,
                    "new-xlink (copies scopes and attributes)",
                    iterations,
                    () -> newLink.get().hashCode());
            time(
                    out,
                    "events-requested (sync fire + fireAsync, no observers)",
                    iterations,
                    () -> {
                        events.requested(link);
                        return 1;
                    });
            time(
                    out,
                    "registry register+announce+cancel",
                    iterations,
                    () -> {
                        XLink unique = links[(int) (counter.incrementAndGet() % links.length)];
                        PendingLinks.Handle handle = registry.register(unique).orElseThrow();
                        registry.announced(handle);
                        return registry.end("default", unique.state(), PendingLinks.End.CANCELLED)
                                ? 1
                                : 0;
                    });
            time(
                    out,
                    "hop to a call thread and back (supplyAsync + join, no network)",
                    iterations,
                    () -> CompletableFuture.supplyAsync(() -> "x", workers).join().length());
            time(
                    out,
                    "retrying run (deadline timer, attempt on a call thread, no network)",
                    iterations,
                    () -> retrying.run(policy, d -> "x").join().length());
            CallPolicy clientTimesOutFirst =
                    new CallPolicy(
                            CALL_TIMEOUT,
                            3,
                            Duration.ofSeconds(1),
                            CALL_TIMEOUT,
                            1 << 20,
                            Duration.ofSeconds(5),
                            Duration.ofSeconds(20),
                            false);
            time(
                    out,
                    "retrying runHere (attempt on the calling thread, no network)",
                    iterations,
                    () -> retrying.runHere(clientTimesOutFirst, d -> "x").length());
        } finally {
            registry.close();
            timer.shutdownNow();
            workers.shutdownNow();
        }
        return out.toString();
    }

    /** Warms up, then reports the median of five timed batches, so one stall does not count. */
    private void time(StringBuilder out, String part, int iterations, LongSupplier op) {
        long total = 0;
        for (int i = 0; i < iterations; i++) {
            total += op.getAsLong();
        }
        int batch = Math.max(1, iterations / BATCHES);
        double[] perOp = new double[BATCHES];
        for (int b = 0; b < BATCHES; b++) {
            long begin = System.nanoTime();
            for (int i = 0; i < batch; i++) {
                total += op.getAsLong();
            }
            perOp[b] = (System.nanoTime() - begin) / (double) batch;
        }
        sink.addAndGet(total);
        java.util.Arrays.sort(perOp);
        out.append(part).append(',').append(perOp[BATCHES / 2]).append('\n');
    }

    private static XLink withState(XLink link, String state) {
        return new XLink(
                link.account(),
                state,
                link.authUrl(),
                link.expiresAt(),
                link.scopes(),
                link.requestedAt(),
                null,
                Map.of());
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
