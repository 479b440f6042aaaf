package one.aisa.xlink.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import one.aisa.xlink.bench.app.StubAnswer;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * The benchmark driver: runs the registry benchmark in a JVM of its own, times Liberty start-ups
 * with and without the module, then measures call overhead and profiles the linker in one Liberty
 * JVM against the loopback stub it serves. Prints one table and writes {@code target/bench/*.csv}.
 * Everything it starts it stops by its process: the registry JVM and Liberty's {@code server run}.
 * Only 127.0.0.1 is contacted.
 */
public final class Bench {

    private static final List<String> CONTENDERS =
            List.of("module-sync", "module-async", "bare-rc", "jdk");
    private static final List<String> DIAGNOSTICS = List.of("bare-rc-on-worker", "gateway");
    private static final int[] CONCURRENCY = {1, 16, 64};
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(320);

    /**
     * The start-up apps' configuration: nothing is called at start-up, and a loopback URL keeps it
     * that way.
     */
    private static final Map<String, String> START_ENVIRONMENT =
            Map.of(
                    "AISA_API_KEY",
                    StubAnswer.API_KEY,
                    "AISA_BASE_URL",
                    "http://127.0.0.1:9/apis/v1");

    private final Path target;
    private final Path out;
    private final String artifact;
    private final Liberty liberty;
    private final int rounds;
    private final int calls;
    private final int starts;
    private final Set<String> only;

    /** What {@code bench.only} may name. */
    private static final Set<String> PARTS = Set.of("registry", "startup", "overhead", "split");

    private final long began = System.nanoTime();
    private final List<Table> tables = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private volatile Process registryJvm;

    private Bench() throws IOException {
        target = Path.of(System.getProperty("bench.target", "target"));
        out = target.resolve("bench");
        Files.createDirectories(out);
        Path console = out.resolve("liberty-console.log");
        artifact = System.getProperty("bench.artifact", "aisa-x-link");
        liberty =
                new Liberty(
                        Path.of(System.getProperty("bench.wlp", "target/liberty/wlp")),
                        System.getProperty("bench.server", "bench"),
                        positive("bench.http.port", 9580),
                        console);
        rounds = positive("bench.rounds", 10);
        calls = positive("bench.calls", 2000);
        starts = positive("bench.starts", 20);
        only = Set.of(System.getProperty("bench.only", "registry,startup,overhead").split(","));
        if (!PARTS.containsAll(only)) {
            throw new IllegalArgumentException(
                    "bench.only=" + String.join(",", only) + ": choose among " + PARTS);
        }
        // One run's output only, so that what a reader finds in target/bench is this run's.
        try (Stream<Path> files = Files.list(out)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".csv") || name.endsWith(".txt") || name.endsWith(".log")) {
                    Files.delete(file);
                }
            }
        }
    }

    /** The whole number {@code name} sets, at least 1, or {@code otherwise} if it is not set. */
    private static int positive(String name, int otherwise) {
        String value = System.getProperty(name);
        int number;
        try {
            number = value == null ? otherwise : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            number = 0;
        }
        if (number < 1) {
            throw new IllegalArgumentException(
                    name + "=" + value + ": must be a whole number of at least 1");
        }
        return number;
    }

    /**
     * Runs the benchmark; see the README's "Performance" section.
     *
     * @param args none
     */
    public static void main(String[] args) throws Exception {
        Bench bench = new Bench();
        Thread stopOnExit =
                new Thread(
                        () -> {
                            Process child = bench.registryJvm;
                            if (child != null) {
                                child.destroy();
                            }
                            try {
                                bench.liberty.close();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "bench-stop-liberty");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        try {
            bench.run();
        } finally {
            bench.liberty.stop();
        }
    }

    private void run() throws Exception {
        Table machine = machine();
        tables.add(machine);
        liberty.stopLeftover();
        if (only.contains("registry")) {
            registry();
        }
        if (only.contains("startup")) {
            startup();
        }
        if (only.contains("split")) {
            split();
        }
        if (only.contains("overhead")) {
            overhead();
        }
        machine.row("load average at end", loadAverage());
        machine.row("benchmark time", seconds(System.nanoTime() - began) + " s");
        machine.writeCsv(out.resolve("machine.csv"));

        StringBuilder report = new StringBuilder();
        for (Table table : tables) {
            report.append(table.render());
        }
        for (String note : notes) {
            report.append('\n').append(note);
        }
        report.append("\nCSV files: ").append(out.toAbsolutePath()).append('\n');
        Files.writeString(out.resolve("summary.txt"), report);
        System.out.println(report);
    }

    // ---------------------------------------------------------------- machine

    private Table machine() throws IOException {
        Table table = new Table("Machine", "what", "value");
        table.row("processors (nproc)", Runtime.getRuntime().availableProcessors());
        table.row("cpu", firstValue(Path.of("/proc/cpuinfo"), "model name"));
        table.row("memory", firstValue(Path.of("/proc/meminfo"), "MemTotal"));
        table.row(
                "java",
                System.getProperty("java.vm.name")
                        + " "
                        + System.getProperty("java.runtime.version"));
        table.row("open liberty", liberty.version());
        table.row("started", Instant.now());
        table.row("load average at start", loadAverage());
        return table;
    }

    private static String firstValue(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            return "?";
        }
        return "?";
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "?";
        }
    }

    // ---------------------------------------------------------------- registry

    private void registry() throws Exception {
        progress("registry: pending-link scale in a JVM of its own");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process =
                new ProcessBuilder(
                                java.toString(),
                                "-Xms2g",
                                "-Xmx2g",
                                "-XX:+UseSerialGC",
                                // Derby, for the database registry's row, logs beside the CSV
                                // files.
                                "-Dderby.stream.error.file=" + out.resolve("derby.log"),
                                "-cp",
                                System.getProperty("java.class.path"),
                                "one.aisa.xlink.bench.registry.RegistryBench",
                                out.toString())
                        .inheritIO()
                        .start();
        registryJvm = process;
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("the registry benchmark failed");
            }
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
            registryJvm = null;
        }
        List<String> lines = Files.readAllLines(out.resolve("registry.csv"));
        Table table =
                new Table(
                        "Pending links (PendingLinks driven directly, plain JVM, SerialGC;"
                                + " spread = links expiring evenly over 4 s, burst = 1,000 links"
                                + " with the same whole-second expiresAt, control = a bare"
                                + " ScheduledThreadPoolExecutor over the same 4 s)",
                        "pending",
                        "heap/link B",
                        "of it XLink B",
                        "registry B",
                        "insert p50 ns",
                        "insert p99 ns",
                        "spread late p50 ms",
                        "p99 ms",
                        "max ms",
                        "burst late p50 ms",
                        "p99 ms",
                        "max ms",
                        "control late p99 ms",
                        "max ms",
                        "complete");
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            table.row(
                    c[0], c[1], c[2], c[3], c[4], c[5], c[7], c[8], c[9], c[10], c[11], c[12],
                    c[14], c[15], c[16]);
        }
        tables.add(table);
    }

    // ---------------------------------------------------------------- start-up

    private void startup() throws Exception {
        // Each pair is an application without the module and the same one with it: the
        // one-resource app, and the typical app that already injects a Rest Client and a
        // configuration value of its own.
        String[] pairs = {"one-resource app", "typical app"};
        Path[][] wars = {
            {war("-bench-start"), war("-bench-start-module")},
            {war("-bench-start-typical"), war("-bench-start-typical-module")}
        };
        progress(
                "start-up: one warm-up start of each app, then "
                        + starts
                        + " rounds starting all four in turn");
        for (Path[] pair : wars) {
            for (Path war : pair) {
                startOnce(war);
            }
        }

        Table raw =
                new Table("start-up (raw)", "round", "app", "module", "ms to 200", "app start ms");
        // times[pair][with module][measure][round]
        long[][][][] times = new long[wars.length][2][2][starts];
        for (int i = 0; i < starts; i++) {
            for (int k = 0; k < wars.length; k++) {
                // Alternate which of a pair starts first, and which pair goes first.
                int pair = i % 2 == 0 ? k : wars.length - 1 - k;
                for (int m = 0; m < 2; m++) {
                    int with = (i / 2) % 2 == 0 ? m : 1 - m;
                    long[] measured = startOnce(wars[pair][with]);
                    times[pair][with][0][i] = measured[0];
                    times[pair][with][1][i] = measured[1];
                    raw.row(
                            i,
                            pairs[pair],
                            with == 1 ? "with" : "without",
                            measured[0],
                            measured[1]);
                }
            }
        }
        raw.writeCsv(out.resolve("startup.csv"));

        Table table =
                new Table(
                        "Start-up ("
                                + starts
                                + " interleaved starts each; to 200 = from launching server run"
                                + " until the app answers 200; app start = Liberty's own"
                                + " CWWKZ0001I figure)",
                        "app",
                        "to 200 median ms",
                        "to 200 min ms",
                        "to 200 max ms",
                        "app start median ms",
                        "app start min ms",
                        "app start max ms");
        for (int pair = 0; pair < wars.length; pair++) {
            long[][] without = times[pair][0];
            long[][] with = times[pair][1];
            long[][] deltas = {differences(with[0], without[0]), differences(with[1], without[1])};
            for (int k = 0; k < 2; k++) {
                Arrays.sort(without[k]);
                Arrays.sort(with[k]);
            }
            table.row(spread(pairs[pair] + " without module", without[0], without[1]));
            table.row(spread(pairs[pair] + " with module", with[0], with[1]));
            table.row(
                    pairs[pair] + " added: difference of medians",
                    median(with[0]) - median(without[0]),
                    "",
                    "",
                    median(with[1]) - median(without[1]),
                    "",
                    "");
            table.row(
                    spread(
                            pairs[pair] + " added: median of pairwise differences",
                            deltas[0],
                            deltas[1]));
        }
        table.writeCsv(out.resolve("startup-summary.csv"));
        tables.add(table);
    }

    /**
     * Splits what the module adds to the one-resource app's start into steps, each a war with one
     * part of the module more than the one before it (the last swaps the bean that only injects the
     * linker for the one that creates it), beside three controls that hold none of the module: a
     * jar of one class, the same jar with that class as a CDI extension that observes nothing, and
     * an application bean of the app's own created as it starts. All are started in turn in each
     * round.
     */
    private void split() throws Exception {
        Path base = war("-bench-start");
        Path module = war("-bench-start-module");
        Path variants = out.resolve("variants");
        Path classes = target.resolve("bench-classes");
        Map<String, byte[]> injected = new TreeMap<>();
        for (String file : List.of("LinkerInjected.class", "package-info.class")) {
            String entry = Variants.INJECTED_CLASSES + file;
            injected.put(
                    entry,
                    Files.readAllBytes(
                            classes.resolve(entry.substring("WEB-INF/classes/".length()))));
        }
        String observer = Variants.CONTROL_CLASSES + "StartObserver.class";
        Map<String, byte[]> startObserver =
                Map.of(
                        "WEB-INF/classes/" + observer,
                        Files.readAllBytes(classes.resolve(observer)));
        String idle = Variants.CONTROL_CLASSES + "IdleExtension.class";
        Map<String, byte[]> oneClass = Map.of(idle, Files.readAllBytes(classes.resolve(idle)));
        Map<String, byte[]> idleExtension = new TreeMap<>(oneClass);
        idleExtension.put(
                Variants.EXTENSION_SERVICE,
                (idle.replace(".class", "").replace('/', '.') + "\n").getBytes(UTF_8));
        Predicate<String> allButManifest = name -> !name.equals(Variants.MANIFEST);
        Variants.Edit withoutModuleBean =
                Variants.Edit.drop(name -> name.startsWith(Variants.MODULE_CLASSES));
        String[] steps = {
            "one-resource app without the library",
            "control: a jar of one class, none of the module's classes",
            "control: that jar with its class a CDI extension observing nothing",
            "control: no jar, an application bean of the app's own created at start",
            "+ library jar, its CDI extension's service file taken out",
            "+ the extension, no linker injected",
            "+ a bean injecting the linker (checked at deployment, not created)",
            "+ the linker created as the app starts (the app with the module)"
        };
        // The step each step adds to: the jar controls add to the app or the control jar, the
        // bean control to the app, each library step to the one before it.
        int[] after = {-1, 0, 1, 0, 0, 4, 5, 6};
        Path[] wars = {
            base,
            Variants.copy(
                    module,
                    variants.resolve("control-jar.war"),
                    withoutModuleBean,
                    new Variants.Edit(allButManifest, oneClass)),
            Variants.copy(
                    module,
                    variants.resolve("control-extension.war"),
                    withoutModuleBean,
                    new Variants.Edit(allButManifest, idleExtension)),
            Variants.copy(
                    base,
                    variants.resolve("control-bean.war"),
                    new Variants.Edit(name -> false, startObserver),
                    Variants.Edit.NONE),
            Variants.copy(
                    module,
                    variants.resolve("jar-only.war"),
                    withoutModuleBean,
                    Variants.Edit.drop(name -> name.equals(Variants.EXTENSION_SERVICE))),
            Variants.copy(
                    module,
                    variants.resolve("extension.war"),
                    withoutModuleBean,
                    Variants.Edit.NONE),
            Variants.copy(
                    module,
                    variants.resolve("injected.war"),
                    new Variants.Edit(withoutModuleBean.drop(), injected),
                    Variants.Edit.NONE),
            module
        };
        progress(
                "start-up split: one warm-up start of each of "
                        + wars.length
                        + " wars, then "
                        + starts
                        + " rounds starting each in turn");
        for (Path war : wars) {
            startOnce(war);
        }
        // times[step][measure][round]
        long[][][] times = new long[wars.length][2][starts];
        Table raw = new Table("start-up split (raw)", "round", "step", "ms to 200", "app start ms");
        for (int i = 0; i < starts; i++) {
            progress("start-up split: round " + (i + 1) + " of " + starts);
            for (int k = 0; k < wars.length; k++) {
                int step = (k + i) % wars.length;
                long[] measured = startOnce(wars[step]);
                times[step][0][i] = measured[0];
                times[step][1][i] = measured[1];
                raw.row(i, steps[step], measured[0], measured[1]);
            }
        }
        raw.writeCsv(out.resolve("startup-split.csv"));

        Table table =
                new Table(
                        "Start-up split ("
                                + starts
                                + " rounds; app start = Liberty's CWWKZ0001I figure; added ="
                                + " against the app without the library; this step ="
                                + " against the step numbered)",
                        "#",
                        "step",
                        "app start median ms",
                        "min ms",
                        "max ms",
                        "added: difference of medians",
                        "added: median of pairwise differences",
                        "this step: difference of medians",
                        "against #",
                        "to 200 median ms");
        long baseline = median(sorted(times[0][1]));
        for (int step = 0; step < wars.length; step++) {
            long[] appStart = sorted(times[step][1]);
            table.row(
                    step,
                    steps[step],
                    median(appStart),
                    appStart[0],
                    appStart[starts - 1],
                    median(appStart) - baseline,
                    median(differences(times[step][1], times[0][1])),
                    after[step] < 0 ? "" : median(appStart) - median(sorted(times[after[step]][1])),
                    after[step] < 0 ? "" : after[step],
                    median(sorted(times[step][0])));
        }
        table.writeCsv(out.resolve("startup-split-summary.csv"));
        tables.add(table);
    }

    /** Returns a row: the label, then median, minimum and maximum of each sorted series. */
    private static Object[] spread(String label, long[] toFirst200, long[] appStart) {
        return new Object[] {
            label,
            median(toFirst200),
            toFirst200[0],
            toFirst200[toFirst200.length - 1],
            median(appStart),
            appStart[0],
            appStart[appStart.length - 1]
        };
    }

    /** Returns milliseconds to the first 200 and Liberty's own application start figure. */
    private long[] startOnce(Path war) throws Exception {
        liberty.deploy(war);
        try {
            long nanos = liberty.start(START_ENVIRONMENT, "/ping");
            long appStart = liberty.applicationStartMillis();
            if (appStart < 0) {
                throw new IllegalStateException(
                        war + " answered, but Liberty's log has no application start figure");
            }
            return new long[] {Math.round(nanos / 1e6), appStart};
        } finally {
            liberty.stop();
        }
    }

    // ---------------------------------------------------------------- overhead

    private void overhead() throws Exception {
        String run = "r" + Long.toString(System.currentTimeMillis() % 78_364_164_096L, 36);
        run = (run + "0000000").substring(0, 8);
        try (Stub stub = new Stub(run)) {
            Map<String, String> environment = new HashMap<>();
            environment.put("AISA_API_KEY", StubAnswer.API_KEY);
            environment.put("AISA_BASE_URL", stub.baseUrl());
            environment.put("BARE_MP_REST_URI", stub.baseUrl());
            liberty.deploy(war("-bench"));
            progress("overhead: starting Liberty with the overhead app; stub at " + stub.baseUrl());
            liberty.start(environment, "/bench/ping");
            try {
                double rate = measureOverhead();
                profile(rate);
            } finally {
                liberty.stop();
            }
            notes.add("Stub answers served: " + stub.answers());
        }
    }

    /** Measures and reports; returns module-sync's throughput at concurrency 16. */
    private double measureOverhead() throws Exception {
        progress("overhead: warm-up");
        for (int c : CONCURRENCY) {
            for (String name : contendersAt(c)) {
                call(name, c, Math.max(500, callsAt(name, c) / 2));
            }
        }

        Map<String, Samples> samples = new LinkedHashMap<>();
        Map<String, List<Double>> roundMedians = new HashMap<>();
        Table perRound =
                new Table(
                        "overhead per round",
                        "round",
                        "concurrency",
                        "contender",
                        "calls",
                        "throughput/s",
                        "p50 us",
                        "p99 us");
        for (int r = 0; r < rounds; r++) {
            progress("overhead: round " + (r + 1) + "/" + rounds);
            for (int c : CONCURRENCY) {
                List<String> order = new ArrayList<>(contendersAt(c));
                java.util.Collections.rotate(order, r);
                for (String name : order) {
                    Run result = call(name, c, callsAt(name, c));
                    samples.computeIfAbsent(key(name, c), k -> new Samples())
                            .addRun(
                                    result.latencies,
                                    result.latencies.length,
                                    result.wallNanos,
                                    result.errors,
                                    result.cpuNanos);
                    Samples one = new Samples();
                    one.addRun(
                            result.latencies,
                            result.latencies.length,
                            result.wallNanos,
                            result.errors,
                            result.cpuNanos);
                    roundMedians
                            .computeIfAbsent(key(name, c), k -> new ArrayList<>())
                            .add(one.percentileMicros(50));
                    perRound.row(
                            r + 1,
                            c,
                            name,
                            result.latencies.length,
                            fmt0(one.throughput()),
                            fmt1(one.percentileMicros(50)),
                            fmt1(one.percentileMicros(99)));
                }
            }
        }
        perRound.writeCsv(out.resolve("overhead-rounds.csv"));

        Table table =
                new Table(
                        "Call overhead (one Liberty JVM, loopback stub; "
                                + rounds
                                + " interleaved rounds; diagnostics marked *)",
                        "concurrency",
                        "contender",
                        "calls",
                        "errors",
                        "throughput/s",
                        "p50 us",
                        "p99 us",
                        "mean us",
                        "server cpu us/call");
        for (int c : CONCURRENCY) {
            for (String name : contendersAt(c)) {
                Samples s = samples.get(key(name, c));
                table.row(
                        c,
                        DIAGNOSTICS.contains(name) ? "*" + name : name,
                        s.calls(),
                        s.errors(),
                        fmt0(s.throughput()),
                        fmt1(s.percentileMicros(50)),
                        fmt1(s.percentileMicros(99)),
                        fmt1(s.meanMicros()),
                        fmt1(s.cpuMicrosPerCall()));
            }
        }
        table.writeCsv(out.resolve("overhead.csv"));
        tables.add(table);

        Table ratios =
                new Table(
                        "Ratios (target: module-sync/bare-rc <= 1.03 at p50 and <= 1.05 at p99,"
                                + " concurrency 1 and 16)",
                        "concurrency",
                        "module",
                        "/bare-rc p50",
                        "/bare-rc p99",
                        "per-round p50 median (range)",
                        "/jdk p50",
                        "/jdk p99",
                        "cpu/call /bare-rc",
                        "target met");
        for (int c : CONCURRENCY) {
            for (String module : List.of("module-sync", "module-async")) {
                Samples m = samples.get(key(module, c));
                Samples bare = samples.get(key("bare-rc", c));
                Samples jdk = samples.get(key("jdk", c));
                double p50 = m.percentileMicros(50) / bare.percentileMicros(50);
                double p99 = m.percentileMicros(99) / bare.percentileMicros(99);
                List<Double> mr = roundMedians.get(key(module, c));
                List<Double> br = roundMedians.get(key("bare-rc", c));
                double[] roundRatios = new double[mr.size()];
                for (int r = 0; r < mr.size(); r++) {
                    roundRatios[r] = mr.get(r) / br.get(r);
                }
                Arrays.sort(roundRatios);
                double middle =
                        roundRatios.length % 2 == 1
                                ? roundRatios[roundRatios.length / 2]
                                : (roundRatios[roundRatios.length / 2 - 1]
                                                + roundRatios[roundRatios.length / 2])
                                        / 2;
                String met = c == 64 ? "(no target)" : (p50 <= 1.03 && p99 <= 1.05 ? "yes" : "no");
                ratios.row(
                        c,
                        module,
                        fmt2(p50),
                        fmt2(p99),
                        fmt2(middle)
                                + " ("
                                + fmt2(roundRatios[0])
                                + "-"
                                + fmt2(roundRatios[roundRatios.length - 1])
                                + ")",
                        fmt2(m.percentileMicros(50) / jdk.percentileMicros(50)),
                        fmt2(m.percentileMicros(99) / jdk.percentileMicros(99)),
                        fmt2(m.cpuMicrosPerCall() / bare.cpuMicrosPerCall()),
                        met);
            }
        }
        ratios.writeCsv(out.resolve("overhead-ratios.csv"));
        tables.add(ratios);
        return samples.get(key("module-sync", 16)).throughput();
    }

    /** Times the linker's pieces alone, then samples about ten seconds of module-sync with JFR. */
    private void profile(double rate) throws Exception {
        progress("profile: the linker's pieces timed one by one in the Liberty JVM");
        // The first pass only warms up: new receiver types deoptimise code the rounds compiled.
        liberty.post("/bench/parts?iterations=20000", RUN_TIMEOUT);
        String parts = liberty.post("/bench/parts?iterations=50000", RUN_TIMEOUT);
        Table partsTable =
                new Table("Linker pieces, timed alone (in the Liberty JVM)", "piece", "ns per op");
        for (String line : parts.strip().split("\n")) {
            int comma = line.lastIndexOf(',');
            partsTable.row(
                    line.substring(0, comma), fmt0(Double.parseDouble(line.substring(comma + 1))));
        }
        partsTable.writeCsv(out.resolve("profile-parts.csv"));
        tables.add(partsTable);

        long pid = liberty.pid();
        Table jfrTable =
                new Table(
                        "JFR execution samples at concurrency 16 (innermost library frame"
                                + " decides the area)",
                        "contender",
                        "area",
                        "samples",
                        "share");
        Table methods =
                new Table("JFR: innermost library methods", "contender", "method", "samples");
        for (String name : List.of("module-sync")) {
            progress("profile: JFR while " + name + " runs at concurrency 16");
            Path recording = out.resolve("jfr-" + name + ".jfr").toAbsolutePath();
            Files.deleteIfExists(recording);
            command(
                    jdkTool("jcmd"),
                    Long.toString(pid),
                    "JFR.start",
                    "name=xlinkbench",
                    "settings=profile",
                    "filename=" + recording);
            int profiled = (int) Math.max(4_000, Math.min(100_000, rate * 10));
            call(name, 16, profiled);
            command(jdkTool("jcmd"), Long.toString(pid), "JFR.stop", "name=xlinkbench");
            Path printed = out.resolve("jfr-" + name + "-samples.txt");
            Process print =
                    new ProcessBuilder(
                                    jdkTool("jfr"),
                                    "print",
                                    "--events",
                                    "jdk.ExecutionSample",
                                    "--stack-depth",
                                    "64",
                                    recording.toString())
                            .redirectErrorStream(true)
                            .redirectOutput(printed.toFile())
                            .start();
            if (!print.waitFor(2, TimeUnit.MINUTES) || print.exitValue() != 0) {
                throw new IllegalStateException("jfr print failed; see " + printed);
            }
            JfrBreakdown breakdown = JfrBreakdown.read(printed, "bench-" + name);
            Files.delete(printed);
            for (Map.Entry<String, Integer> area : breakdown.areas().entrySet()) {
                jfrTable.row(
                        name,
                        area.getKey(),
                        area.getValue(),
                        fmt1(100.0 * area.getValue() / breakdown.total()) + "%");
            }
            jfrTable.row(name, "all samples", breakdown.total(), "100.0%");
            breakdown.methods().forEach((method, count) -> methods.row(name, method, count));
        }
        jfrTable.writeCsv(out.resolve("profile-jfr.csv"));
        methods.writeCsv(out.resolve("profile-jfr-methods.csv"));
        tables.add(jfrTable);
    }

    private Run call(String name, int concurrency, int count) throws Exception {
        String body =
                liberty.post(
                        "/bench/overhead?contender="
                                + name
                                + "&concurrency="
                                + concurrency
                                + "&calls="
                                + count,
                        RUN_TIMEOUT);
        String[] lines = body.split("\n");
        String[] head = lines[0].split(" ", 4);
        long errors = Long.parseLong(head[1]);
        if (errors > 0) {
            notes.add(
                    "Errors in "
                            + name
                            + " at concurrency "
                            + concurrency
                            + ": "
                            + errors
                            + ", first: "
                            + head[3]);
        }
        long[] latencies = new long[lines.length - 1];
        int n = 0;
        for (int i = 1; i < lines.length; i++) {
            long value = Long.parseLong(lines[i]);
            if (value >= 0) {
                latencies[n++] = value;
            }
        }
        return new Run(
                Arrays.copyOf(latencies, n),
                Long.parseLong(head[0]),
                errors,
                Long.parseLong(head[2]));
    }

    private record Run(long[] latencies, long wallNanos, long errors, long cpuNanos) {}

    private List<String> contendersAt(int concurrency) {
        List<String> names = new ArrayList<>(CONTENDERS);
        if (concurrency <= 16) {
            names.addAll(DIAGNOSTICS);
        }
        return names;
    }

    /** The contenders of the report get the full count, the diagnostics half of it. */
    private int callsAt(String name, int concurrency) {
        int full = concurrency == 1 ? calls : calls * 2;
        return DIAGNOSTICS.contains(name) ? full / 2 : full;
    }

    private static String key(String name, int concurrency) {
        return name + "@" + concurrency;
    }

    // ---------------------------------------------------------------- helpers

    private Path war(String suffix) {
        Path war = target.resolve(artifact + suffix + ".war");
        if (!Files.isRegularFile(war)) {
            throw new IllegalStateException(war + " is missing: run through mvn -Pbench verify");
        }
        return war;
    }

    private static String jdkTool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    private void command(String... command) throws Exception {
        Process process =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(
                                ProcessBuilder.Redirect.appendTo(out.resolve("jcmd.log").toFile()))
                        .start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroy();
            throw new IllegalStateException(String.join(" ", command) + " failed; see jcmd.log");
        }
    }

    private void progress(String what) {
        System.out.println("[bench " + seconds(System.nanoTime() - began) + " s] " + what);
    }

    /** Returns a sorted copy. */
    private static long[] sorted(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }

    /** Returns {@code a[i] - b[i]} for each round, sorted. */
    private static long[] differences(long[] a, long[] b) {
        long[] differences = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            differences[i] = a[i] - b[i];
        }
        Arrays.sort(differences);
        return differences;
    }

    private static long median(long[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.0f", nanos / 1e9);
    }

    private static String fmt0(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }

    private static String fmt1(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String fmt2(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
