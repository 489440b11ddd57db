package dev.llmgateway.internal.plugins.modelrouter;

import java.net.URI;

/**
 * One engine whose own model list the router reads: the {@code models[].service} value that reaches it (null: the
 * route's own service), the name listed as its models' {@code owned_by}, and the URL of its list.
 */
record Backend(String serviceRef, String owner, URI modelsUri) {}
