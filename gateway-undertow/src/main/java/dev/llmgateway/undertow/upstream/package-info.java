/** Upstream calls on Undertow's HTTP/1.1 client: per-IO-thread pools, connects, retries, relays, timers. Internal. */
package dev.llmgateway.undertow.upstream;
