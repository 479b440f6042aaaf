/**
 * The overhead application, deployed on Liberty by the benchmark driver: it calls the loopback stub
 * of AIsa in-JVM through four contenders (the linker synchronously and asynchronously, a bare
 * MicroProfile Rest Client, and the JDK's {@code HttpClient}) and times the pieces of the linker's
 * own work. The driver reaches it over HTTP at {@code /bench}.
 */
package one.aisa.xlink.bench.app;
