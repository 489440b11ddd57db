/**
 * Kong's {@code http-log} plugin: the serialized request, batched through a bounded queue and POSTed to a
 * collector with retries and backoff; a full queue drops (and counts) instead of slowing the proxy.
 */
package dev.llmgateway.internal.plugins.httplog;
