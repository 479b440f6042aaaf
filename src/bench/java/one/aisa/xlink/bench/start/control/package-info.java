/**
 * Controls of the start-up split, none of the module's classes in them: a CDI extension that
 * observes nothing, which the driver packs into a jar of its own (as a plain class, and again as an
 * extension with its service file), and an application bean created as the application starts,
 * which it adds to the one-resource application's classes. No war the build makes holds them.
 */
package one.aisa.xlink.bench.start.control;
