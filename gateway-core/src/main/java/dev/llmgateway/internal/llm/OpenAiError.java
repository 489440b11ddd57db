package dev.llmgateway.internal.llm;

import dev.llmgateway.internal.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Error bodies in OpenAI's shape, {@code {"error":{"message","type","param","code"}}}, which OpenAI SDKs show
 * as the reason of a failure; {@link #withKongMessage} keeps Kong's top-level {@code message} beside it.
 */
public final class OpenAiError {
  private OpenAiError() {}

  /** OpenAI's {@code type} for an HTTP status. */
  public static String type(int status) {
    return switch (status) {
      case 401 -> "authentication_error";
      case 403 -> "permission_error";
      case 404 -> "not_found_error";
      case 413, 400, 405, 411, 414, 415 -> "invalid_request_error";
      case 429 -> "rate_limit_error";
      default -> status >= 500 ? "server_error" : "invalid_request_error";
    };
  }

  /** OpenAI's {@code code} for an HTTP status (snake case), or null. */
  public static String code(int status) {
    return switch (status) {
      case 401 -> "invalid_api_key";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 413 -> "request_too_large";
      case 429 -> "rate_limit_exceeded";
      case 502 -> "bad_gateway";
      case 503 -> "service_unavailable";
      case 504 -> "gateway_timeout";
      default -> null;
    };
  }

  /** The body {@code {"error":{...}}}; {@code param} and {@code code} may be null. */
  public static String body(String message, String type, String param, String code) {
    return Json.write(Map.of("error", error(message, type, param, code)));
  }

  /** Kong's {@code {"message":...}} (and any other fields it had) with OpenAI's {@code error} beside it. */
  public static String withKongMessage(Map<String, Object> kong, int status) {
    Map<String, Object> out = new LinkedHashMap<>(kong);
    Object message = kong.get("message");
    out.put("error", error(message == null ? "HTTP " + status : message.toString(), type(status), null,
        code(status)));
    return Json.write(out);
  }

  private static Map<String, Object> error(String message, String type, String param, String code) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("message", message);
    e.put("type", type);
    e.put("param", param);
    e.put("code", code);
    return e;
  }
}
