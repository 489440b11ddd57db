/**
 * OpenAI-format awareness, free of any server type: request bodies (model, stream, usage options), an incremental
 * SSE framer and a streaming JSON usage reader that observe responses without buffering them, and the per-request
 * {@link dev.llmgateway.internal.llm.LlmStats} that the log phase, the access log and metrics read.
 */
package dev.llmgateway.internal.llm;
