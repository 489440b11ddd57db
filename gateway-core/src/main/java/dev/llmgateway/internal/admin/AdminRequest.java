package dev.llmgateway.internal.admin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One Admin API request as the server adapter received it: method, raw (still percent-encoded) path and query,
 * headers, and the complete body.
 */
public record AdminRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
    byte[] body) {

  public AdminRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(rawPath, "rawPath");
    rawQuery = rawQuery == null ? "" : rawQuery;
    Map<String, List<String>> lower = new TreeMap<>();
    if (headers != null) {
      headers.forEach((k, v) -> lower.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).addAll(v));
    }
    headers = Collections.unmodifiableMap(lower);
    body = body == null ? new byte[0] : body;
  }

  /** A request without headers or body (tests, internal calls). */
  public static AdminRequest of(String method, String pathAndQuery) {
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
    return new AdminRequest(method, path, query, Map.of(), null);
  }

  /** Every value of a header (case-insensitive name). */
  public List<String> headers(String name) {
    return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  /** The first value of a header, or null. */
  public String header(String name) {
    List<String> values = headers(name);
    return values.isEmpty() ? null : values.get(0);
  }
}
