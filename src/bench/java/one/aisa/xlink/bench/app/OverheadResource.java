package one.aisa.xlink.bench.app;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.JMException;
import javax.management.ObjectName;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Runs one measurement in this JVM and answers with its raw figures: {@code concurrency} threads
 * share {@code calls} calls of one contender, each call timed on its own.
 */
@Path("/")
@ApplicationScoped
public class OverheadResource {

    /** No measurement may hold the driver longer than this. */
    private static final long RUN_LIMIT_SECONDS = 300;

    @Inject Contenders contenders;

    /**
     * Answers 200 once the application is up.
     *
     * @return {@code ok}
     */
    @GET
    @Path("ping")
    @Produces(MediaType.TEXT_PLAIN)
    public String ping() {
        return "ok";
    }

    /**
     * Runs a measurement.
     *
     * @param name the contender
     * @param concurrency how many threads call at once
     * @param calls how many calls in all
     * @return first line {@code wallNanos errors cpuNanos firstError}, where {@code cpuNanos} is
     *     the CPU time this whole JVM used during the run, then one latency in nanoseconds per
     *     line, in the order the calls started
     */
    @POST
    @Path("overhead")
    @Produces(MediaType.TEXT_PLAIN)
    public String run(
            @QueryParam("contender") String name,
            @QueryParam("concurrency") int concurrency,
            @QueryParam("calls") int calls)
            throws InterruptedException {
        Contender contender = contenders.named(name);
        if (concurrency < 1 || concurrency > 256 || calls < 1 || calls > 1_000_000) {
            throw new IllegalArgumentException("concurrency 1-256, calls 1-1000000");
        }

        long[] latencies = new long[calls];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<Throwable> firstError = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(concurrency);
        Runnable worker =
                () -> {
                    try {
                        start.await();
                        int i;
                        while ((i = next.getAndIncrement()) < calls) {
                            long t0 = System.nanoTime();
                            Object result;
                            try {
                                result = contender.call();
                            } catch (Exception | Error e) {
                                latencies[i] = -1;
                                errors.incrementAndGet();
                                firstError.compareAndSet(null, e);
                                continue;
                            }
                            latencies[i] = System.nanoTime() - t0;
                            contender.after(result);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        done.countDown();
                    }
                };
        Thread[] threads = new Thread[concurrency];
        for (int t = 0; t < concurrency; t++) {
            threads[t] = new Thread(worker, "bench-" + name + "-" + t);
            threads[t].setDaemon(true);
            threads[t].start();
        }

        long cpuBefore = processCpuNanos();
        long begin = System.nanoTime();
        start.countDown();
        boolean finished = done.await(RUN_LIMIT_SECONDS, TimeUnit.SECONDS);
        long wall = System.nanoTime() - begin;
        long cpu = processCpuNanos() - cpuBefore;
        if (!finished) {
            next.set(calls);
            throw new IllegalStateException(
                    "the run did not finish in " + RUN_LIMIT_SECONDS + " s");
        }

        StringBuilder out = new StringBuilder(calls * 8 + 200);
        Throwable error = firstError.get();
        out.append(wall)
                .append(' ')
                .append(errors.get())
                .append(' ')
                .append(cpu)
                .append(' ')
                .append(
                        error == null
                                ? "-"
                                : (error.getClass().getName() + ":" + error.getMessage())
                                        .replaceAll("\\s+", "_"))
                .append('\n');
        for (long latency : latencies) {
            out.append(latency).append('\n');
        }
        return out.toString();
    }

    /** CPU time of the whole JVM, read through the platform MBean (no com.sun types needed). */
    private static long processCpuNanos() {
        try {
            Object value =
                    ManagementFactory.getPlatformMBeanServer()
                            .getAttribute(
                                    new ObjectName("java.lang:type=OperatingSystem"),
                                    "ProcessCpuTime");
            return value instanceof Long nanos ? nanos : -1;
        } catch (JMException e) {
            return -1;
        }
    }
}
