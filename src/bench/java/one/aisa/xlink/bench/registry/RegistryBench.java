package one.aisa.xlink.bench.registry;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.sql.DataSource;

import one.aisa.xlink.XLink;
import one.aisa.xlink.XScope;
import one.aisa.xlink.bench.app.StubAnswer;
import one.aisa.xlink.internal.registry.JdbcLinks;
import one.aisa.xlink.internal.registry.LinkRegistry;
import one.aisa.xlink.internal.registry.PendingLinks;

/**
 * For 1,000, 10,000 and 100,000 pending links: the heap each link retains (after full collections,
 * through {@link MemoryMXBean}), the cost of one insert ({@code register} + {@code announced}), and
 * how late links leave the registry after their {@code expiresAt}, both spread evenly over four
 * seconds and in a burst of 1,000 links sharing one whole-second expiry. Writes {@code
 * registry.csv} into the directory given as the first argument.
 *
 * <p>The listener only records the time: event observers, which run on the same expiry thread in
 * the module, are not part of this figure. Beside the spread, a control (a plain one-thread {@link
 * ScheduledThreadPoolExecutor} with 1,000 tasks due over the same window) shows how late this
 * machine runs timers at all.
 */
public final class RegistryBench {

    private static final int BURST = 1_000;
    private static final int CONTROL = 1_000;
    private static final Duration SPREAD_START = Duration.ofSeconds(6);
    private static final Duration SPREAD_WINDOW = Duration.ofSeconds(4);
    private static final Duration WAIT_LIMIT = Duration.ofSeconds(20);

    private final Clock clock = Clock.systemUTC();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    private RegistryBench() {}

    /**
     * Runs the benchmark.
     *
     * @param args the output directory
     */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        RegistryBench bench = new RegistryBench();

        System.out.println("[registry] warm-up");
        bench.scenario(5_000, Duration.ofSeconds(3), Duration.ofSeconds(1));

        List<String> rows = new ArrayList<>();
        rows.add(Result.HEADER);
        for (int n : new int[] {1_000, 10_000, 100_000}) {
            Result result = bench.scenario(n, SPREAD_START, SPREAD_WINDOW);
            System.out.println("[registry] " + result.csv());
            rows.add(result.csv());
        }
        // The database registry at 10,000 pending links; its spread starts later, since inserting
        // through JDBC takes longer than the in-memory registry's head start allows.
        Result jdbc = bench.scenario(10_000, Duration.ofSeconds(40), SPREAD_WINDOW, bench::inDerby);
        String row = jdbc.csv().replaceFirst("^10000,", "10000 jdbc,");
        System.out.println("[registry] " + row);
        rows.add(row);
        Files.write(out.resolve("registry.csv"), rows);
    }

    private Result scenario(int n, Duration spreadStart, Duration spreadWindow)
            throws InterruptedException {
        return scenario(n, spreadStart, spreadWindow, this::inMemory);
    }

    private LinkRegistry inMemory(LinkRegistry.Listener recorder) {
        return new PendingLinks(recorder, clock, threads("registry-bench-expiry"));
    }

    /**
     * The database registry on an in-memory Derby in this JVM: the figures include JDBC, Derby's
     * own work and AES-GCM sealing, but no network; its rows live in this heap too.
     */
    private LinkRegistry inDerby(LinkRegistry.Listener recorder) {
        try {
            Object derby =
                    Class.forName("org.apache.derby.jdbc.EmbeddedDataSource")
                            .getConstructor()
                            .newInstance();
            derby.getClass()
                    .getMethod("setDatabaseName", String.class)
                    .invoke(derby, "memory:registry-bench-" + System.nanoTime());
            derby.getClass().getMethod("setCreateDatabase", String.class).invoke(derby, "create");
            JdbcLinks links =
                    new JdbcLinks(
                            recorder,
                            clock,
                            threads("registry-bench-jdbc"),
                            (DataSource) derby,
                            new byte[32],
                            "aisa_x_link_bench",
                            Duration.ofSeconds(1),
                            Duration.ofSeconds(30));
            links.start();
            return links;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Derby is not on the class path", e);
        }
    }

    private static ThreadFactory threads(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private Result scenario(
            int n,
            Duration spreadStart,
            Duration spreadWindow,
            Function<LinkRegistry.Listener, LinkRegistry> registries)
            throws InterruptedException {
        Recorder recorder = new Recorder(n, BURST);
        double xlinkBytes = xlinkBytes(n);

        LinkRegistry registry = registries.apply(recorder);
        ScheduledThreadPoolExecutor control =
                new ScheduledThreadPoolExecutor(
                        1,
                        task -> {
                            Thread thread = new Thread(task, "registry-bench-control");
                            thread.setDaemon(true);
                            return thread;
                        });
        try {
            long before = usedAfterGc();
            Instant start = clock.instant();
            Instant firstExpiry = start.plus(spreadStart);
            long windowNanos = spreadWindow.toNanos();
            long[] inserts = new long[n];
            for (int i = 0; i < n; i++) {
                XLink link = link("spread00", i, firstExpiry.plusNanos(windowNanos * i / n), start);
                long t0 = System.nanoTime();
                LinkRegistry.Handle handle = registry.register(link).orElseThrow();
                registry.announced(handle);
                inserts[i] = System.nanoTime() - t0;
            }
            long after = usedAfterGc();
            double perLink = (after - before) / (double) n;

            long[] controlLate = new long[CONTROL];
            AtomicInteger controlCount = new AtomicInteger();
            for (int j = 0; j < CONTROL; j++) {
                Instant at = firstExpiry.plusNanos(windowNanos * j / CONTROL);
                control.schedule(
                        () -> {
                            controlLate[controlCount.getAndIncrement()] =
                                    Duration.between(at, clock.instant()).toNanos();
                        },
                        Duration.between(clock.instant(), at).toNanos(),
                        TimeUnit.NANOSECONDS);
            }

            Instant burstAt = clock.instant().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
            boolean burstClear = burstAt.plusSeconds(1).isBefore(firstExpiry);
            for (int i = 0; i < BURST; i++) {
                registry.announced(
                        registry.register(link("burst000", i, burstAt, clock.instant()))
                                .orElseThrow());
            }

            Instant limit = firstExpiry.plus(spreadWindow).plus(WAIT_LIMIT);
            while ((recorder.count() < n + BURST || controlCount.get() < CONTROL)
                    && clock.instant().isBefore(limit)) {
                Thread.sleep(50);
            }
            Arrays.sort(inserts);
            long[] controlSorted = Arrays.copyOf(controlLate, controlCount.get());
            Arrays.sort(controlSorted);
            return new Result(
                    n,
                    perLink,
                    xlinkBytes,
                    inserts,
                    recorder.spread(),
                    recorder.burst(),
                    controlSorted,
                    recorder.count() == n + BURST && burstClear && recorder.early() == 0);
        } finally {
            registry.close();
            control.shutdownNow();
        }
    }

    /** The heap the links alone retain, measured apart from the registry. */
    private double xlinkBytes(int n) {
        XLink[] links = new XLink[n];
        Instant now = clock.instant();
        long before = usedAfterGc();
        for (int i = 0; i < n; i++) {
            links[i] = link("xlinkonl", i, now.plusSeconds(3600), now);
        }
        long after = usedAfterGc();
        if (links[n - 1] == null) {
            throw new IllegalStateException();
        }
        return (after - before) / (double) n;
    }

    /**
     * A link as the linker builds it: AIsa's URL parsed once, the request's default scopes and a
     * subject, no attributes.
     */
    private static XLink link(String run, int i, Instant expiresAt, Instant requestedAt) {
        String state = StubAnswer.state(run, i);
        URI authUrl;
        try {
            authUrl = new URI(StubAnswer.authUrl(state));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return new XLink(
                "default",
                state,
                authUrl,
                Instant.ofEpochSecond(expiresAt.getEpochSecond(), expiresAt.getNano()),
                XScope.defaults(),
                Instant.ofEpochSecond(requestedAt.getEpochSecond(), requestedAt.getNano()),
                String.format(Locale.ROOT, "user-%07d", i),
                Map.of());
    }

    private long usedAfterGc() {
        long used = 0;
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = memory.getHeapMemoryUsage().getUsed();
        }
        return used;
    }

    /** Records how late each link left, on the registry's expiry thread. */
    private final class Recorder implements LinkRegistry.Listener {

        private final long[] spread;
        private final long[] burst;
        private final AtomicInteger spreadCount = new AtomicInteger();
        private final AtomicInteger burstCount = new AtomicInteger();
        private final AtomicInteger early = new AtomicInteger();

        Recorder(int n, int burstSize) {
            spread = new long[n];
            burst = new long[burstSize];
        }

        @Override
        public void ended(XLink link, LinkRegistry.End end) {
            long late = Duration.between(link.expiresAt(), clock.instant()).toNanos();
            if (end != LinkRegistry.End.EXPIRED) {
                return;
            }
            if (late < -1_000_000) {
                early.incrementAndGet();
            }
            if (link.state().startsWith("burst")) {
                burst[burstCount.getAndIncrement()] = late;
            } else {
                spread[spreadCount.getAndIncrement()] = late;
            }
        }

        int count() {
            return spreadCount.get() + burstCount.get();
        }

        int early() {
            return early.get();
        }

        long[] spread() {
            long[] copy = Arrays.copyOf(spread, spreadCount.get());
            Arrays.sort(copy);
            return copy;
        }

        long[] burst() {
            long[] copy = Arrays.copyOf(burst, burstCount.get());
            Arrays.sort(copy);
            return copy;
        }
    }

    /** One row of registry.csv. */
    private record Result(
            int n,
            double bytesPerLink,
            double xlinkBytes,
            long[] inserts,
            long[] spread,
            long[] burst,
            long[] control,
            boolean complete) {

        static final String HEADER =
                "pending,bytes_per_link,xlink_bytes,registry_bytes,insert_p50_ns,insert_p99_ns,"
                        + "insert_mean_ns,spread_late_p50_ms,spread_late_p99_ms,spread_late_max_ms,"
                        + "burst_late_p50_ms,burst_late_p99_ms,burst_late_max_ms,control_late_p50_ms,"
                        + "control_late_p99_ms,control_late_max_ms,complete";

        String csv() {
            return String.format(
                    Locale.ROOT,
                    "%d,%.0f,%.0f,%.0f,%d,%d,%.0f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%b",
                    n,
                    bytesPerLink,
                    xlinkBytes,
                    bytesPerLink - xlinkBytes,
                    pct(inserts, 50),
                    pct(inserts, 99),
                    Arrays.stream(inserts).average().orElse(0),
                    pct(spread, 50) / 1e6,
                    pct(spread, 99) / 1e6,
                    pct(spread, 100) / 1e6,
                    pct(burst, 50) / 1e6,
                    pct(burst, 99) / 1e6,
                    pct(burst, 100) / 1e6,
                    pct(control, 50) / 1e6,
                    pct(control, 99) / 1e6,
                    pct(control, 100) / 1e6,
                    complete);
        }

        /** Nearest-rank percentile of sorted values. */
        static long pct(long[] sorted, double p) {
            if (sorted.length == 0) {
                return 0;
            }
            int rank = (int) Math.ceil(p / 100 * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
        }
    }
}
