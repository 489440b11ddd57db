package dev.llmgateway.internal.plugins.keyauth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The named fields of a request body key-auth can read (Kong's {@code key_in_body}): form, JSON object or
 * multipart form data. A value is a String, a List (the name repeated, or a JSON array or object), or anything
 * else key-auth ignores; {@link #without} gives the body with one field removed, for {@code hide_credentials}.
 */
interface BodyFields {
  /** A body without readable fields (no body, another media type, or one that does not parse). */
  BodyFields NONE = new BodyFields() {
    @Override
    public Object value(String name) {
      return null;
    }

    @Override
    public byte[] without(String name) {
      return null;
    }
  };

  /** The value of a field, or null when absent. */
  Object value(String name);

  /** The body without every occurrence of {@code name}, or null when the field is absent. */
  byte[] without(String name);

  /** Merges a repeated field's values into a list, for {@link java.util.Map#merge}. */
  @SuppressWarnings("unchecked")
  static Object repeated(Object existing, Object added) {
    List<Object> list = existing instanceof List<?> l ? (List<Object>) l : new ArrayList<>(List.of(existing));
    list.add(added);
    return list;
  }

  /** Reads the fields of {@code body} by its media type; never throws. */
  static BodyFields parse(String contentType, byte[] body) {
    if (contentType == null || body == null || body.length == 0) {
      return NONE;
    }
    String type = contentType.toLowerCase(Locale.ROOT).trim();
    if (type.startsWith("application/x-www-form-urlencoded")) {
      return FormFields.parse(body);
    }
    if (type.startsWith("application/json") || type.matches("^application/[a-z0-9.+-]*\\+json.*")) {
      return JsonFields.parse(body);
    }
    if (type.startsWith("multipart/form-data")) {
      return MultipartFields.parse(contentType, body);
    }
    return NONE;
  }
}
