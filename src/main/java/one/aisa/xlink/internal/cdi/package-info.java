/**
 * The portable extension: one bean per account, configuration checked at deployment, guarded
 * observers.
 */
package one.aisa.xlink.internal.cdi;
