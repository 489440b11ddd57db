package dev.llmgateway.entity;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.Schema;
import dev.llmgateway.schema.SchemaViolation;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** Test helpers: validate a JSON document against a schema, get the row's JSON or Kong's exact error body. */
final class Kong {
  static final String ID = "7b5b4a5e-0b1c-4f2e-9a8d-1c2b3d4e5f60";
  static final String ID2 = "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";

  private Kong() {}

  static Row valid(Schema schema, String json) {
    return schema.validate(Json.parseObject(json));
  }

  static String echo(Schema schema, String json) {
    return Json.write(valid(schema, json));
  }

  /** Kong's full 400 body for an invalid document. */
  static String body(Schema schema, String json) {
    Map<String, Object> input = Json.parseObject(json);
    AtomicReference<String> out = new AtomicReference<>();
    assertThatThrownBy(() -> schema.validate(input)).isInstanceOfSatisfying(SchemaViolation.class,
        e -> out.set(Json.write(e.toJson())));
    return out.get();
  }

  /** The body Kong sends for these fields and message parts (counted as Kong counts them). */
  static String expected(String fieldsJson, String... parts) {
    String message = parts.length == 1 ? "schema violation (" + parts[0] + ")"
        : parts.length + " schema violations (" + String.join("; ", parts) + ")";
    return "{\"code\":2,\"name\":\"schema violation\",\"message\":" + Json.write(message) + ",\"fields\":"
        + fieldsJson + "}";
  }
}
