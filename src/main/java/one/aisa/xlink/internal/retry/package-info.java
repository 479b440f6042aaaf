/** Retries, backoff and the overall deadline of one request for a link. */
package one.aisa.xlink.internal.retry;
