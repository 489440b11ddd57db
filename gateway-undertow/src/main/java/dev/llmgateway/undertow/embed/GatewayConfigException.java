package dev.llmgateway.undertow.embed;

import java.util.Map;

/**
 * A configuration change the gateway refused, with what the Admin API would have answered: the HTTP status
 * (400 schema violation, 404 not found, 409 unique violation, 503 store unavailable) and Kong's JSON body, whose
 * {@code fields} say which field is wrong and why.
 */
public final class GatewayConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient Map<String, Object> body;

  public GatewayConfigException(int status, Map<String, Object> body) {
    super(String.valueOf(body.get("message")), null, false, false);
    this.status = status;
    this.body = Map.copyOf(body);
  }

  /** The status the Admin API answers for the same change. */
  public int status() {
    return status;
  }

  /** Kong's error body: {@code message}, and for schema errors {@code code}, {@code name}, {@code fields}. */
  public Map<String, Object> body() {
    return body;
  }
}
