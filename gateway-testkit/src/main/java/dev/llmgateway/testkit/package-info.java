/**
 * Test a plugin end to end in a few lines: {@link dev.llmgateway.testkit.GatewayExtension} starts a real gateway
 * and a {@link dev.llmgateway.testkit.RecordingUpstream} on ephemeral loopback ports for each test.
 */
package dev.llmgateway.testkit;
