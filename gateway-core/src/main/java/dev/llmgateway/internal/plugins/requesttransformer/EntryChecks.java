package dev.llmgateway.internal.plugins.requesttransformer;

import dev.llmgateway.internal.plugins.serverless.LuaCode;
import dev.llmgateway.schema.Field;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The element validators of the transformer plugins' arrays (request- and response-transformer), with Kong's texts; a {@code $(...)} template (Lua in
 * Kong) is refused by name, since no Lua runs here.
 */
public final class EntryChecks {
  private static final Pattern HEADER_NAME = Pattern.compile("^[A-Za-z0-9_-]+$");
  /** Kong's match for {@code name:value} entries ({@code invalid value: <entry>}). */
  public static final Pattern COLON_PAIR = Pattern.compile("^[^:]+:.*$");

  private EntryChecks() {}

  /** An array field defaulting to {@code []}, required, as all of Kong's transformer arrays are. */
  public static Field array(String name, Field elements) {
    return Field.array(name, elements).required().defaultValue(List.of());
  }

  /** Plain names (remove lists of bodies and query strings). */
  public static Field names() {
    return Field.string("name");
  }

  /** Header names ({@code '<name>' is not a valid header}). */
  static Field headerNames() {
    return Field.string("header").validate(v -> validHeader((String) v));
  }

  /** {@code header:value} entries; with {@code renaming}, the value must be a header name too. */
  static Field headerPairs(String plugin, boolean renaming) {
    return Field.string("header").match(COLON_PAIR).validate(v -> {
      Pair p = Pair.parse((String) v);
      String bad = validHeader(p.name());
      if (bad == null && renaming) {
        bad = validHeader(p.value());
      }
      return bad != null ? bad : template(plugin, (String) v);
    });
  }

  /** {@code key:value} entries of bodies and query strings: the value must be there ({@code key 'k' has no value}). */
  static Field valuePairs(String plugin) {
    return Field.string("pair").validate(v -> {
      Pair p = Pair.parse((String) v);
      if (p.value().isEmpty()) {
        return "key '" + p.name() + "' has no value";
      }
      return template(plugin, (String) v);
    });
  }

  private static String validHeader(String name) {
    return HEADER_NAME.matcher(name).matches() ? null : "'" + name + "' is not a valid header";
  }

  /** Kong renders {@code $(...)} in values as a Lua template. */
  static String template(String plugin, String value) {
    return value.contains("$(") ? LuaCode.fieldRefusal(plugin, "the template in '" + value + "'") : null;
  }
}
