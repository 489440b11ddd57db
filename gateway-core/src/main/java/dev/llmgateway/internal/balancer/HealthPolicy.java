package dev.llmgateway.internal.balancer;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An upstream's {@code healthchecks} record, read once per config snapshot: the active probe and the passive
 * circuit breaker. A counter of 0 disables that check (Kong's rule); intervals of 0 switch probing off.
 */
record HealthPolicy(Active active, Passive passive, double threshold) {

  /** Thresholds of one source (active or passive): successes to come back, failures of each kind to go down. */
  record Counters(int successes, int tcpFailures, int timeouts, int httpFailures, Set<Integer> healthyStatuses,
      Set<Integer> unhealthyStatuses) {
    boolean off() {
      return successes == 0 && tcpFailures == 0 && timeouts == 0 && httpFailures == 0;
    }
  }

  /** The active probe: how, where, how often. */
  record Active(String type, double timeoutSeconds, int concurrency, String httpPath, String httpsSni,
      boolean verify, Map<String, List<String>> headers, double healthyInterval, double unhealthyInterval,
      Counters counters) {
    boolean on() {
      return healthyInterval > 0 || unhealthyInterval > 0;
    }
  }

  /** The passive breaker: what the proxied traffic counts. */
  record Passive(Counters counters) {}

  static final HealthPolicy OFF = of(Map.of());

  /** True when neither probes nor the breaker can change a target's health (Kong's HEALTHCHECKS_OFF). */
  boolean off() {
    return !active.on() && passive.counters.off();
  }

  static HealthPolicy of(Map<String, Object> healthchecks) {
    Map<String, Object> hc = healthchecks == null ? Map.of() : healthchecks;
    Map<String, Object> a = map(hc, "active");
    Map<String, Object> ah = map(a, "healthy");
    Map<String, Object> au = map(a, "unhealthy");
    Map<String, Object> p = map(hc, "passive");
    Map<String, Object> ph = map(p, "healthy");
    Map<String, Object> pu = map(p, "unhealthy");
    Counters activeCounters = new Counters(integer(ah, "successes", 0), integer(au, "tcp_failures", 0),
        integer(au, "timeouts", 0), integer(au, "http_failures", 0), statuses(ah, List.of(200, 302)),
        statuses(au, List.of(429, 404, 500, 501, 502, 503, 504, 505)));
    Counters passiveCounters = new Counters(integer(ph, "successes", 0), integer(pu, "tcp_failures", 0),
        integer(pu, "timeouts", 0), integer(pu, "http_failures", 0),
        statuses(ph, List.of(200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 306,
            307, 308)),
        statuses(pu, List.of(429, 500, 503)));
    Active active = new Active(string(a, "type", "http"), number(a, "timeout", 1), integer(a, "concurrency", 10),
        string(a, "http_path", "/"), string(a, "https_sni", null), bool(a, "https_verify_certificate", true),
        headers(a.get("headers")), number(ah, "interval", 0), number(au, "interval", 0), activeCounters);
    return new HealthPolicy(active, new Passive(passiveCounters), number(hc, "threshold", 0));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> m, String key) {
    return m.get(key) instanceof Map<?, ?> inner ? (Map<String, Object>) inner : Map.of();
  }

  private static int integer(Map<String, Object> m, String key, int dflt) {
    return m.get(key) instanceof Number n ? n.intValue() : dflt;
  }

  private static double number(Map<String, Object> m, String key, double dflt) {
    return m.get(key) instanceof Number n ? n.doubleValue() : dflt;
  }

  private static String string(Map<String, Object> m, String key, String dflt) {
    return m.get(key) instanceof String s ? s : dflt;
  }

  private static boolean bool(Map<String, Object> m, String key, boolean dflt) {
    return m.get(key) instanceof Boolean b ? b : dflt;
  }

  private static Set<Integer> statuses(Map<String, Object> m, List<Integer> dflt) {
    if (!(m.get("http_statuses") instanceof List<?> list)) {
      return Set.copyOf(dflt);
    }
    return list.stream().filter(Number.class::isInstance).map(n -> ((Number) n).intValue())
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  /** Kong's {@code headers} typedef: a map of name to a list of values (a single string is accepted too). */
  private static Map<String, List<String>> headers(Object value) {
    if (!(value instanceof Map<?, ?> m)) {
      return Map.of();
    }
    Map<String, List<String>> out = new java.util.LinkedHashMap<>();
    m.forEach((k, v) -> {
      if (v instanceof List<?> l) {
        out.put(String.valueOf(k), l.stream().map(String::valueOf).toList());
      } else if (v != null) {
        out.put(String.valueOf(k), List.of(String.valueOf(v)));
      }
    });
    return Map.copyOf(out);
  }
}
