/** The rate-limiting plugin: config, fixed UTC windows, counting policies and Kong's response headers. */
package dev.llmgateway.internal.plugins.ratelimiting;
