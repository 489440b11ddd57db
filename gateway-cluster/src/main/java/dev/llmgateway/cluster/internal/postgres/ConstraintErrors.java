package dev.llmgateway.cluster.internal.postgres;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.internal.store.ApiError;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.util.PSQLException;

/**
 * Turns a violated database constraint into Kong's error: a unique value taken (409, code 5) or a reference to
 * an entity that is gone (400, code 4). The writer's own checks normally answer first; these cover a race the
 * database saw and the writer could not.
 */
final class ConstraintErrors {
  private static final Pattern UNIQUE = Pattern.compile(
      "Key \\(entity_type, key_name, key_value\\)=\\((.*?), (.*?), (.*)\\) already exists\\.?");
  private static final Pattern REFERENCE = Pattern.compile(
      "Key \\(parent_type, parent_id\\)=\\((.*?), (.*?)\\) is not present.*");

  private ConstraintErrors() {}

  /** Kong's error for a constraint violation, or null when {@code e} is not one. */
  @SuppressWarnings("unchecked")
  static ApiError of(SQLException e) {
    String state = e.getSQLState();
    String detail = e instanceof PSQLException p && p.getServerErrorMessage() != null
        ? p.getServerErrorMessage().getDetail() : null;
    if ("23505".equals(state)) {
      Matcher m = detail == null ? null : UNIQUE.matcher(detail);
      if (m != null && m.matches()) {
        String keyName = m.group(2);
        Object value = parse(m.group(3));
        Map<String, Object> unique = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> together && keyName.contains(",")) {
          unique.putAll((Map<String, Object>) together);
        } else {
          unique.put(keyName, value);
        }
        return ApiError.uniqueViolation(unique);
      }
      return ApiError.dao(409, 5, "unique constraint violation", "UNIQUE violation detected", null);
    }
    if ("23503".equals(state)) {
      Matcher m = detail == null ? null : REFERENCE.matcher(detail);
      String parent = m != null && m.matches() ? m.group(1) : "entity";
      return ApiError.dao(400, 4, "foreign key violation", "an entity references a '" + parent
          + "' entity that another node deleted", null);
    }
    return null;
  }

  private static Object parse(String json) {
    try {
      return Json.parse(json);
    } catch (RuntimeException e) {
      return json;
    }
  }
}
