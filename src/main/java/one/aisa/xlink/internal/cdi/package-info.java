/**
 * The portable extension: one bean per account, configuration checked at deployment, guarded
 * observers, and the application's runtime created with the first linker and stopped with the
 * application.
 */
package one.aisa.xlink.internal.cdi;
