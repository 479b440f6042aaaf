/**
 * The start-up application: one JAX-RS resource. Deployed as it is, and again with the library jar
 * and {@link one.aisa.xlink.bench.start.module.LinkerAtStartup}, to measure what the module adds to
 * the time Liberty takes until the application answers; the same again with {@link
 * one.aisa.xlink.bench.start.typical.ServicesAtStartup}, for an application that already injects a
 * Rest Client and a configuration value.
 */
package one.aisa.xlink.bench.start;
