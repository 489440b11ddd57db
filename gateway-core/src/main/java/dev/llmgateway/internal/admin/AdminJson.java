package dev.llmgateway.internal.admin;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.schema.Row;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes Admin API bodies. Numbers render as Kong renders them: integral values without a fraction, and float
 * timestamps in plain notation with their milliseconds ({@code 1700000000.123}, never {@code 1.700000000123E9}).
 */
final class AdminJson {
  private AdminJson() {}

  static byte[] bytes(Object body) {
    return body == null ? new byte[0] : Json.write(plain(body)).getBytes(StandardCharsets.UTF_8);
  }

  static Object plain(Object v) {
    if (v instanceof Row row) {
      return plain(row.asMap());
    }
    if (v instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, x) -> out.put(String.valueOf(k), plain(x)));
      return out;
    }
    if (v instanceof Collection<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object x : list) {
        out.add(plain(x));
      }
      return out;
    }
    if (v instanceof Double d && !d.isNaN() && !d.isInfinite()) {
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        return d.longValue();
      }
      return BigDecimal.valueOf(d);
    }
    return v;
  }
}
