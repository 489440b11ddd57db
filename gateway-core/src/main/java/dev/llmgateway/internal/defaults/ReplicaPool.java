package dev.llmgateway.internal.defaults;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An LLM server setting of the default stack ({@code VLLM_URL}, {@code SGLANG_URL}) that may list several
 * replicas, comma-separated. One URL is a plain service; several become an upstream with one target per URL,
 * the load-aware {@code least-load} algorithm, active checks of {@code GET /health} every 5 s (every 2 s while
 * a replica is down) and a breaker that takes a refusing replica out at its first connect failure. All URLs must
 * share scheme and path.
 */
public record ReplicaPool(String scheme, String path, List<String> targets, String single) {

  /** The stack's defaults for a pool of replicas, as an upstream's {@code healthchecks}. */
  static Map<String, Object> healthchecks(String scheme) {
    Map<String, Object> active = new LinkedHashMap<>();
    active.put("type", scheme.equals("https") ? "https" : "http");
    active.put("http_path", "/health");
    active.put("timeout", 2);
    active.put("healthy", Map.of("interval", 5, "successes", 1));
    active.put("unhealthy", Map.of("interval", 2, "tcp_failures", 1, "timeouts", 2, "http_failures", 2));
    Map<String, Object> passive = Map.of("unhealthy", Map.of("tcp_failures", 1));
    return Map.of("active", active, "passive", passive);
  }

  /** The replicas {@code urls} names; throws IllegalArgumentException with a one-line reason when they differ. */
  public static ReplicaPool of(String urls) {
    List<String> parts = new ArrayList<>();
    for (String part : urls.split(",")) {
      if (!part.isBlank()) {
        parts.add(part.strip());
      }
    }
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("no URL given");
    }
    if (parts.size() == 1) {
      return new ReplicaPool(null, null, List.of(), parts.get(0));
    }
    String scheme = null;
    String path = null;
    List<String> targets = new ArrayList<>();
    for (String part : parts) {
      URI uri = URI.create(part);
      String s = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
      String p = uri.getRawPath() == null ? "" : uri.getRawPath();
      if (scheme != null && (!scheme.equals(s) || !path.equals(p))) {
        throw new IllegalArgumentException("the replicas '" + urls + "' must share scheme and path");
      }
      scheme = s;
      path = p;
      int port = uri.getPort() >= 0 ? uri.getPort() : s.equals("https") ? 443 : 80;
      String host = uri.getHost();
      String target = (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
      if (targets.contains(target)) {
        throw new IllegalArgumentException("the replica " + target + " is listed twice");
      }
      targets.add(target);
    }
    return new ReplicaPool(scheme, path, List.copyOf(targets), null);
  }

  /** True for several replicas (an upstream); false for one URL (a plain service). */
  public boolean pooled() {
    return single == null;
  }

  /** The service URL: the single URL, or the upstream's name in place of host and port. */
  String serviceUrl(String upstreamName) {
    return pooled() ? scheme + "://" + upstreamName + path : single;
  }

  /** The upstream's fields (name, algorithm, health checks), for a pool. */
  Map<String, Object> upstreamFields(String upstreamName) {
    Map<String, Object> u = new LinkedHashMap<>();
    u.put("name", upstreamName);
    u.put("algorithm", "least-load");
    u.put("healthchecks", healthchecks(scheme));
    return u;
  }
}
