/**
 * Upstream calls on the gateway's own HTTP/1.1 client over XNIO: per-IO-thread pools, connects, exchanges,
 * retries, relays, timers. Internal.
 */
package dev.llmgateway.undertow.internal.upstream;
