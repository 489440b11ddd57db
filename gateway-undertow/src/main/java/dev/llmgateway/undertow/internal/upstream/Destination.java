package dev.llmgateway.undertow.internal.upstream;

import dev.llmgateway.internal.balancer.Attempt;

/**
 * Where one attempt goes: the address to connect to, the {@code Host} header to send there, and the balancer's
 * record of the try ({@link Attempt#NONE} for a plain service), to which the call reports what happened.
 */
public record Destination(UpstreamAddress address, String hostHeader, Attempt attempt) {}
