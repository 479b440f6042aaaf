package one.aisa.xlink.bench;

import java.util.Arrays;

/** Latencies in nanoseconds, gathered over several runs, with their wall time. */
final class Samples {

    private long[] values = new long[1024];
    private int size;
    private long calls;
    private long wallNanos;
    private long errors;
    private long cpuNanos;
    private long[] sorted;

    void addRun(long[] latencies, int count, long wall, long runErrors, long runCpuNanos) {
        cpuNanos += runCpuNanos;
        if (size + count > values.length) {
            values = Arrays.copyOf(values, Math.max(values.length * 2, size + count));
        }
        System.arraycopy(latencies, 0, values, size, count);
        size += count;
        calls += count + runErrors;
        wallNanos += wall;
        errors += runErrors;
        sorted = null;
    }

    long calls() {
        return calls;
    }

    long errors() {
        return errors;
    }

    /** CPU time the server JVM used per call, in microseconds. */
    double cpuMicrosPerCall() {
        return calls == 0 ? 0 : cpuNanos / 1e3 / calls;
    }

    /** Calls per second over all runs' wall time. */
    double throughput() {
        return wallNanos == 0 ? 0 : calls / (wallNanos / 1e9);
    }

    /** Nearest-rank percentile, in microseconds. */
    double percentileMicros(double p) {
        return percentile(sorted(), p) / 1e3;
    }

    double meanMicros() {
        long[] all = sorted();
        return all.length == 0 ? 0 : Arrays.stream(all).average().orElse(0) / 1e3;
    }

    private long[] sorted() {
        if (sorted == null) {
            sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
        }
        return sorted;
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sortedValues, double p) {
        if (sortedValues.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100 * sortedValues.length);
        return sortedValues[Math.max(0, Math.min(sortedValues.length, rank) - 1)];
    }
}
