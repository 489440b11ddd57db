/**
 * {@code ai-token-limiting}, ours (Kong's ai-rate-limiting-advanced idea): token budgets per window, pre-paid.
 * Admission reserves the request's estimated prompt tokens plus its {@code max_tokens}; the response's measured
 * usage settles the reservation; a spent window answers 429 with {@code X-AI-RateLimit-*} headers.
 */
package dev.llmgateway.internal.plugins.tokenlimiting;
