package dev.llmgateway.internal.balancer;

import dev.llmgateway.plugin.ClientRequest;
import java.util.Map;
import java.util.UUID;

/**
 * What consistent hashing may hash a request on: the request itself (client address, headers, cookies, path,
 * query), the authenticated consumer or credential, and the route's named URI captures.
 */
public record RequestFacts(ClientRequest request, UUID consumerId, String credentialId,
    Map<String, String> captures) {}
