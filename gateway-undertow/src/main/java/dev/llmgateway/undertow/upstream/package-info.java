/** Upstream calls on Undertow's HTTP/1.1 client: per-IO-thread pools, connect, retries, streaming relays, timers. */
package dev.llmgateway.undertow.upstream;
