/**
 * What a typical application brings before the module: a bean that injects a Rest Client of its own
 * and a configuration value. The start-up benchmark measures the module's share against this
 * application too, beside the one-resource application.
 */
package one.aisa.xlink.bench.start.typical;
