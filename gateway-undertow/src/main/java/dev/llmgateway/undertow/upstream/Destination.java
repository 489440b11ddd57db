package dev.llmgateway.undertow.upstream;

/** Where one attempt goes: the address to connect to and the {@code Host} header to send there. */
public record Destination(UpstreamAddress address, String hostHeader) {}
