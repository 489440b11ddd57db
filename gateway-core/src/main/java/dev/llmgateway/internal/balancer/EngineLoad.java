package dev.llmgateway.internal.balancer;

/**
 * An engine's own view of its load, read from its Prometheus {@code /metrics}: requests running in its batch,
 * requests waiting in its queue, KV-cache usage (0 to 1), the gateway's in-flight count at the moment of the read
 * (so that requests the gateway already counts are not counted twice), and when it was read.
 */
record EngineLoad(double running, double waiting, double kvUsage, int inFlightAtRead, long readNanos) {}
