/**
 * What the start-up application adds when it uses the module: a bean that injects the linker and
 * touches it as the application starts, as an application using the module would.
 */
package one.aisa.xlink.bench.start.module;
