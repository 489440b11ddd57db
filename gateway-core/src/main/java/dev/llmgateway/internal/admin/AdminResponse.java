package dev.llmgateway.internal.admin;

import dev.llmgateway.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Admin API answer: status, headers and body bytes, with Kong's admin headers already set
 * ({@code Content-Type: application/json; charset=utf-8} when there is a body, CORS, {@code Server}). The
 * adapter adds {@code X-Kong-Admin-Latency} and, for {@code HEAD}, sends the headers only.
 */
public record AdminResponse(int status, List<Map.Entry<String, String>> headers, byte[] body) {
  /** The JSON content type of every Admin API body. */
  public static final String JSON = "application/json; charset=utf-8";

  public AdminResponse {
    headers = List.copyOf(headers);
    body = body == null ? new byte[0] : body;
  }

  /** A JSON answer. */
  public static AdminResponse json(int status, Object body) {
    return new AdminResponse(status, standard(true, List.of()), AdminJson.bytes(body));
  }

  /** A JSON answer with extra headers. */
  public static AdminResponse json(int status, Object body, List<Map.Entry<String, String>> extra) {
    return new AdminResponse(status, standard(true, extra), AdminJson.bytes(body));
  }

  /** A text answer with this content type (Prometheus exposition on {@code /metrics}). */
  public static AdminResponse text(int status, String contentType, String body) {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    headers.add(Map.entry("Content-Type", contentType));
    headers.addAll(standard(false, List.of()));
    return new AdminResponse(status, headers, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** An answer without a body (204, 304, 415). */
  public static AdminResponse empty(int status) {
    return new AdminResponse(status, standard(false, List.of()), null);
  }

  /** An answer without a body, with extra headers. */
  public static AdminResponse empty(int status, List<Map.Entry<String, String>> extra) {
    return new AdminResponse(status, standard(false, extra), null);
  }

  private static List<Map.Entry<String, String>> standard(boolean body, List<Map.Entry<String, String>> extra) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    if (body) {
      out.add(Map.entry("Content-Type", JSON));
    }
    out.add(Map.entry("Access-Control-Allow-Origin", "*"));
    out.add(Map.entry("Access-Control-Allow-Credentials", "true"));
    out.add(Map.entry("Server", Version.PRODUCT));
    out.addAll(extra);
    return out;
  }

  /** The first value of a header, or null. */
  public String header(String name) {
    for (Map.Entry<String, String> h : headers) {
      if (h.getKey().equalsIgnoreCase(name)) {
        return h.getValue();
      }
    }
    return null;
  }

  /** The body as text (it is always UTF-8 JSON or empty). */
  public String bodyText() {
    return new String(body, java.nio.charset.StandardCharsets.UTF_8);
  }
}
