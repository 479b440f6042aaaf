/**
 * Interpretation of AIsa's answers in all three contract generations: links, validation, typed
 * failures.
 */
package one.aisa.xlink.internal.response;
