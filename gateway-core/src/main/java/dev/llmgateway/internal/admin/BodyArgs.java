package dev.llmgateway.internal.admin;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.schema.Schema;
import dev.llmgateway.internal.store.ApiError;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The arguments of a write, read from the body by its content type as Kong reads them: JSON is taken as it is;
 * form and multipart values are strings, typed later against the schema; anything else with a body is 415.
 * {@code raw} keeps the body text for {@code POST /config}.
 */
record BodyArgs(Map<String, Object> values, boolean typed, String raw) {
  static final BodyArgs EMPTY = new BodyArgs(Map.of(), true, "");

  /** The arguments of {@code request}; {@code yamlAllowed} for the endpoints that take raw YAML. */
  static BodyArgs read(AdminRequest request, boolean yamlAllowed) {
    if (request.headers("content-type").size() > 1) {
      throw ApiError.message(400, "Multiple Content-Type headers not allowed");
    }
    String contentType = request.header("content-type");
    byte[] body = request.body();
    String raw = new String(body, StandardCharsets.UTF_8);
    if (contentType == null) {
      if (body.length == 0) {
        return EMPTY;
      }
      throw new Unsupported();
    }
    String type = contentType.toLowerCase(Locale.ROOT).trim();
    if (type.startsWith("application/json")) {
      try {
        return new BodyArgs(Json.parseObject(raw), true, raw);
      } catch (RuntimeException e) {
        throw ApiError.message(400, "Cannot parse JSON body");
      }
    }
    if (type.startsWith("application/x-www-form-urlencoded")) {
      return new BodyArgs(FormDecoder.decode(FormDecoder.pairs(raw)), false, raw);
    }
    if (type.startsWith("multipart/form-data")) {
      return new BodyArgs(FormDecoder.decode(MultipartForm.pairs(body, contentType)),
          false, raw);
    }
    if (yamlAllowed && (type.startsWith("application/yaml") || type.startsWith("text/yaml")
        || type.startsWith("application/x-yaml") || type.startsWith("text/plain"))) {
      return new BodyArgs(Map.of(), false, raw);
    }
    throw new Unsupported();
  }

  /** The arguments typed for {@code schema} ({@code context}: the existing entity, if any). */
  Map<String, Object> typedFor(Schema schema, Map<String, Object> context) {
    return typed ? values : SchemaInference.infer(schema, values, context);
  }

  /** A body of a content type the Admin API does not read (answered 415 without a body). */
  static final class Unsupported extends RuntimeException {
    Unsupported() {
      super("unsupported media type", null, false, false);
    }
  }
}
