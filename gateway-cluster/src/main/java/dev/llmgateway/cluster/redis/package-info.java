/**
 * The rate-limiting {@code redis} policy: counters shared by every node, updated by one Lua script per request
 * ({@link dev.llmgateway.cluster.redis.RedisRateLimiting}).
 */
package dev.llmgateway.cluster.redis;
