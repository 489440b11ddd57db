package dev.llmgateway.internal.balancer;

/** What one try at a target, or one probe, told about the target's health. */
enum Outcome {
  SUCCESS, TCP_FAILURE, TIMEOUT, HTTP_FAILURE
}
