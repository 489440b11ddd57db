/**
 * {@code ai-model-router}, ours: one OpenAI base URL for a fleet. The {@code model} of the request body picks the
 * service (or Upstream entity) serving it, with aliases renamed upstream; {@code GET .../models} lists the models
 * behind the route; an unknown model gets OpenAI's 404.
 */
package dev.llmgateway.internal.plugins.modelrouter;
