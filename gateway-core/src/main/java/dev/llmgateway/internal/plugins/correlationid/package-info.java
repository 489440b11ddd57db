/** Kong's {@code correlation-id} plugin: a request id header set upstream, echoed back, and logged. */
package dev.llmgateway.internal.plugins.correlationid;
