package dev.llmgateway.internal.store;

import dev.llmgateway.schema.FieldErrors;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A refused operation as Kong reports it: an HTTP status and a JSON body, either Kong's DAO error shape
 * ({@code {"code":5,"name":"unique constraint violation","message":...,"fields":{...}}}) or a bare
 * {@code {"message":...}}. Thrown by the write path and the Admin API; carries no stack trace.
 */
public final class ApiError extends RuntimeException {
  private final int status;
  private final transient Map<String, Object> body;

  private ApiError(int status, Map<String, Object> body) {
    super(String.valueOf(body.get("message")), null, false, false);
    this.status = status;
    this.body = java.util.Collections.unmodifiableMap(body);
  }

  /** The HTTP status Kong answers with. */
  public int status() {
    return status;
  }

  /** The JSON body (plain values). */
  public Map<String, Object> body() {
    return body;
  }

  /** Kong's error code, or 0 for a bare message. */
  public int code() {
    Object code = body.get("code");
    return code instanceof Integer i ? i : 0;
  }

  /** A bare {@code {"message": text}} answer. */
  public static ApiError message(int status, String text) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("message", Objects.requireNonNull(text, "text"));
    return new ApiError(status, body);
  }

  /** Kong's {@code {"message":"Not found"}} 404. */
  public static ApiError notFound() {
    return message(404, "Not found");
  }

  /** A Kong DAO error; {@code fields} may be null. */
  public static ApiError dao(int status, int code, String name, String message, Object fields) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", code);
    body.put("name", name);
    body.put("message", message);
    if (fields != null) {
      body.put("fields", fields);
    }
    return new ApiError(status, body);
  }

  /** Code 2: the input does not fit the schema. */
  public static ApiError schemaViolation(FieldErrors errors) {
    return dao(400, 2, "schema violation", errors.message(), errors.toJson());
  }

  /** Code 3: an entity with that primary key exists already. */
  public static ApiError primaryKeyViolation(String id) {
    Map<String, Object> pk = Map.of("id", id);
    return dao(400, 3, "primary key violation", "primary key violation on key '" + LuaText.of(pk) + "'", pk);
  }

  /** Code 4: a foreign key names an entity that does not exist. */
  public static ApiError foreignKeyInvalid(String field, Map<String, Object> key, String parentType) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put(field, key);
    return dao(400, 4, "foreign key violation", "the foreign key '" + LuaText.of(key)
        + "' does not reference an existing '" + parentType + "' entity.", fields);
  }

  /** Code 4: deleting a parent that a restricting child still references. */
  public static ApiError foreignKeyRestricted(String parentType, String childType) {
    return dao(400, 4, "foreign key violation", "an existing '" + childType + "' entity references this '"
        + parentType + "' entity", Map.of("@referenced_by", childType));
  }

  /** Code 5: a unique field (or set of fields) is taken; {@code unique} maps each field to its value. */
  public static ApiError uniqueViolation(Map<String, Object> unique) {
    return dao(409, 5, "unique constraint violation",
        "UNIQUE violation detected on '" + LuaText.of(unique) + "'", unique);
  }

  /** Code 6: the entity to update does not exist; {@code byPrimaryKey} picks Kong's wording. */
  public static ApiError notFound(Map<String, Object> key, boolean byPrimaryKey) {
    String message = byPrimaryKey ? "could not find the entity with primary key '" + LuaText.of(key) + "'"
        : "could not find the entity with '" + LuaText.of(key) + "'";
    return dao(404, 6, "not found", message, key);
  }

  /** Code 7: a paging offset that was not produced by us. */
  public static ApiError invalidOffset(String offset, String reason) {
    return dao(400, 7, "invalid offset", "'" + offset + "' is not a valid offset: " + reason, null);
  }

  /** Code 9: a bad page size. */
  public static ApiError invalidSize(String message) {
    return dao(400, 9, "invalid size", message, null);
  }

  /** Code 10: an endpoint key in a path that its field would never accept. */
  public static ApiError invalidUnique(String field, String message) {
    return dao(400, 10, "invalid unique " + field, message, null);
  }

  /** Code 11: bad query options such as tags; Kong puts these errors under {@code options}. */
  public static ApiError invalidOptions(String option, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", 11);
    body.put("name", "invalid options");
    body.put("message", "invalid option (" + option + ": " + message + ")");
    body.put("options", Map.of(option, message));
    return new ApiError(400, body);
  }

  /** Code 13: a foreign key given by name (or another endpoint key) that matches nothing. */
  public static ApiError foreignKeyUnresolved(String field, String keyName, Object keyValue, String parentType) {
    Map<String, Object> key = new LinkedHashMap<>();
    key.put(keyName, keyValue);
    String text = "the foreign key cannot be resolved with '" + LuaText.of(key) + "' for an existing '"
        + parentType + "' entity";
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put(field, Map.of(keyName, text));
    return dao(400, 13, "foreign keys unresolved",
        "foreign key unresolved (" + field + "." + keyName + ": " + text + ")", fields);
  }

  /** 503: the store could not make a change durable; nothing changed. */
  public static ApiError storeUnavailable(String detail) {
    return message(503, "configuration store unavailable: " + detail
        + "; the change was not applied and the running configuration is unchanged");
  }
}
