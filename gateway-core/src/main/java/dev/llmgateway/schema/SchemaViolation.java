package dev.llmgateway.schema;

import java.util.Map;

/** Thrown when input does not fit a schema; carries Kong's field errors (code 2, "schema violation"). */
public final class SchemaViolation extends RuntimeException {
  private final transient FieldErrors errors;

  public SchemaViolation(FieldErrors errors) {
    super(errors.message(), null, false, false);
    this.errors = errors;
  }

  /** A violation with one field error. */
  public static SchemaViolation of(String field, String message) {
    return new SchemaViolation(new FieldErrors().put(field, message));
  }

  /** A violation with one {@code @entity} error. */
  public static SchemaViolation ofEntity(String message) {
    return new SchemaViolation(new FieldErrors().entity(message));
  }

  public FieldErrors errors() {
    return errors;
  }

  /** Kong's body: {@code {"code":2,"name":"schema violation","message":...,"fields":{...}}}. */
  public Map<String, Object> toJson() {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("code", 2);
    body.put("name", "schema violation");
    body.put("message", errors.message());
    body.put("fields", errors.toJson());
    return body;
  }
}
