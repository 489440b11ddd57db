package dev.llmgateway.internal.plugins.keyauth;

import dev.llmgateway.internal.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The top-level fields of a JSON object body; removing one re-serialises the object, as Kong does. */
final class JsonFields implements BodyFields {
  private final Map<String, Object> object;

  private JsonFields(Map<String, Object> object) {
    this.object = object;
  }

  static BodyFields parse(byte[] body) {
    try {
      return new JsonFields(Json.parseObject(new String(body, StandardCharsets.UTF_8)));
    } catch (RuntimeException notAnObject) {
      return NONE;
    }
  }

  @Override
  public Object value(String name) {
    Object v = object.get(name);
    // Kong sees JSON arrays and objects as tables, which key-auth reports as a duplicate key.
    return v instanceof Map<?, ?> map ? new java.util.ArrayList<Object>(map.values()) : v;
  }

  @Override
  public byte[] without(String name) {
    if (!object.containsKey(name)) {
      return null;
    }
    Map<String, Object> copy = new LinkedHashMap<>(object);
    copy.remove(name);
    return Json.write(copy).getBytes(StandardCharsets.UTF_8);
  }
}
