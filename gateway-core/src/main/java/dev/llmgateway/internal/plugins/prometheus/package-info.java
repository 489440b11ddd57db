/**
 * Kong's {@code prometheus} plugin on Micrometer: Kong's metric names, labels and buckets, the OpenTelemetry GenAI
 * metrics for LLM traffic, and the gateway's own figures (overhead, disconnects, rejections).
 */
package dev.llmgateway.internal.plugins.prometheus;
