package dev.llmgateway.internal.declarative;

import dev.llmgateway.internal.store.LuaText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An invalid declarative configuration (Kong's code 14): every error found, both as Kong's nested
 * {@code fields} object and as one line per error with its path, such as
 * {@code services[0].routes[1].paths[0]: should start with: /}.
 */
public final class DeclarativeError extends RuntimeException {
  private final transient Map<String, Object> fields;
  private final List<String> messages;

  DeclarativeError(Map<String, Object> fields, List<String> messages) {
    super(String.join("; ", messages), null, false, false);
    this.fields = fields;
    this.messages = List.copyOf(messages);
  }

  /** A configuration that could not even be parsed. */
  static DeclarativeError unparsable(String detail) {
    String message = "failed parsing declarative configuration: " + detail;
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("error", message);
    return new DeclarativeError(fields, List.of(message));
  }

  /** Kong's nested error object: entity arrays hold null for valid entries. */
  public Map<String, Object> fields() {
    return fields;
  }

  /** One line per error, with its path ({@code services[0].host: required field missing}). */
  public List<String> messages() {
    return messages;
  }

  /**
   * The Admin API body: {@code {"code":14,"name":"invalid declarative configuration","message":"declarative
   * config is invalid: {...}","fields":{...},"errors":[...]}} — the last key lists the path lines.
   */
  public Map<String, Object> toJson() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", 14);
    body.put("name", "invalid declarative configuration");
    body.put("message", "declarative config is invalid: " + LuaText.of(fields));
    body.put("fields", fields);
    body.put("errors", messages);
    return body;
  }
}
