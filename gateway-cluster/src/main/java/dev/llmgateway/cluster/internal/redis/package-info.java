/**
 * The {@code redis} policies: rate-limiting counters ({@link dev.llmgateway.cluster.internal.redis.RedisRateLimiting}) and
 * ai-token-limiting budgets ({@link dev.llmgateway.cluster.internal.redis.RedisTokenLimiting}) shared by every node, each
 * updated by one Lua script per call.
 */
package dev.llmgateway.cluster.internal.redis;
