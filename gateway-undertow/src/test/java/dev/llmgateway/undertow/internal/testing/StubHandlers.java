package dev.llmgateway.undertow.internal.testing;

import dev.llmgateway.internal.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Ready-made stub behaviours. */
public final class StubHandlers {
  private StubHandlers() {}

  /**
   * Answers 200 with a JSON description of the request: method, target, path, query, headers (name to values),
   * body length and SHA-256, and the connection it came on.
   */
  public static StubHandler echo() {
    return ex -> ex.respond(200, "application/json", describe(ex.request()));
  }

  /** The JSON {@link #echo()} answers with. */
  public static String describe(StubRequest r) {
    Map<String, Object> headers = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : r.headers()) {
      @SuppressWarnings("unchecked")
      List<Object> values = (List<Object>) headers.computeIfAbsent(h.getKey().toLowerCase(), k -> new ArrayList<>());
      values.add(h.getValue());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("method", r.method());
    out.put("target", r.target());
    out.put("path", r.path());
    out.put("query", r.query());
    out.put("headers", headers);
    out.put("body_length", (long) r.body().length);
    out.put("body_sha256", r.bodySha256());
    out.put("connection", (long) r.connectionId());
    return Json.write(out);
  }

  /** Never answers: the request waits until the connection closes. */
  public static StubHandler silent() {
    return ex -> {};
  }
}
