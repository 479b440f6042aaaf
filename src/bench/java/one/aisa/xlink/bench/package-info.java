/**
 * The benchmark driver ({@link one.aisa.xlink.bench.Bench}), the loopback stub of AIsa it serves,
 * and its control of the benchmark's own Liberty server. Runs outside Liberty; {@code mvn -Pbench
 * verify} starts it.
 */
package one.aisa.xlink.bench;
