/** Reading and validating the module's MicroProfile Config settings, once. */
package one.aisa.xlink.internal.config;
