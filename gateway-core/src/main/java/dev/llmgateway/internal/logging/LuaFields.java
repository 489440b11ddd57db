package dev.llmgateway.internal.logging;

import dev.llmgateway.schema.Field;
import java.util.Map;

/** The {@code custom_fields_by_lua} field of Kong's log plugins, accepted empty and refused with a reason otherwise. */
public final class LuaFields {
  /** Why a non-empty {@code custom_fields_by_lua} is refused. */
  public static final String REFUSED = "custom_fields_by_lua is not supported: this gateway runs no Lua;"
      + " remove the field (the log object carries Kong's serializer fields and correlation_id)";

  private LuaFields() {}

  /** The field, with Kong's shape (a map of field name to Lua expression) and the refusal. */
  public static Field field() {
    return Field.map("custom_fields_by_lua", Field.string("key"), Field.string("value"))
        .validate(v -> v instanceof Map<?, ?> m && !m.isEmpty() ? REFUSED : null)
        .description("Lua expressions for extra log fields; refused here, there is no Lua");
  }
}
