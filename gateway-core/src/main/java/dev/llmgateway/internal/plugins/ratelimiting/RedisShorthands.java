package dev.llmgateway.internal.plugins.ratelimiting;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kong's deprecated flat Redis fields ({@code redis_host}, {@code redis_port}, ...), still accepted on input so that
 * configs written for Kong before 3.6 import: each is moved into the {@code redis} record, winning over a value
 * already there, and is never echoed.
 */
final class RedisShorthands {
  private static final List<String> FIELDS = List.of("host", "port", "timeout", "username", "password", "database",
      "ssl", "ssl_verify", "server_name");

  private RedisShorthands() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> expand(Map<String, Object> input) {
    if (FIELDS.stream().noneMatch(f -> input.containsKey("redis_" + f))) {
      return input;
    }
    Object current = input.get("redis");
    if (current != null && !(current instanceof Map)) {
      return input; // the redis field's own type error says what is wrong
    }
    Map<String, Object> out = new LinkedHashMap<>(input);
    Map<String, Object> redis = current == null ? new LinkedHashMap<>()
        : new LinkedHashMap<>((Map<String, Object>) current);
    for (String f : FIELDS) {
      if (out.containsKey("redis_" + f)) {
        redis.put(f, out.remove("redis_" + f));
      }
    }
    out.put("redis", redis);
    return out;
  }
}
