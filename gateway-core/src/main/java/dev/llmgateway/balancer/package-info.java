/**
 * Choosing a target of an upstream for each try of a request, and knowing which targets may be chosen: Kong's
 * algorithms (round-robin, consistent-hashing, least-connections, latency) plus the load-aware {@code least-load},
 * passive and active health checks (the circuit breaker), engine back-pressure and the health view the Admin API
 * shows. State lives per node, outside the config snapshots, keyed by upstream and target address. No server types.
 */
package dev.llmgateway.balancer;
