package dev.llmgateway.internal.declarative;

import dev.llmgateway.internal.json.Json;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads declarative configuration text, JSON or YAML, into plain values (maps, lists, String, Long, Double,
 * Boolean, null). JSON is recognised by its leading brace; everything else is YAML 1.2 (a superset of JSON).
 */
public final class DeclarativeText {
  private static final int MAX_CODE_POINTS = 64 << 20;

  private DeclarativeText() {}

  /** The document as a map; a {@link DeclarativeError} when it does not parse or is not a mapping. */
  public static Map<String, Object> parse(String text) {
    if (text == null || text.isBlank()) {
      throw DeclarativeError.unparsable("the configuration is empty");
    }
    Object doc;
    if (text.stripLeading().startsWith("{")) {
      try {
        doc = Json.parse(text);
      } catch (RuntimeException e) {
        throw DeclarativeError.unparsable("invalid JSON: " + e.getMessage());
      }
    } else {
      doc = yaml(text);
    }
    if (!(doc instanceof Map<?, ?>)) {
      throw DeclarativeError.unparsable("expected an object at the top level");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) doc;
    return map;
  }

  private static Object yaml(String text) {
    LoadSettings settings = LoadSettings.builder()
        .setLabel("declarative config")
        .setAllowDuplicateKeys(false)
        .setMaxAliasesForCollections(50)
        .setCodePointLimit(MAX_CODE_POINTS)
        .build();
    try {
      return plain(new Load(settings).loadFromString(text));
    } catch (YamlEngineException | IllegalArgumentException e) {
      throw DeclarativeError.unparsable(e.getMessage().replace('\n', ' ').trim());
    } catch (StackOverflowError e) {
      // The YAML composer recurses once per nesting level and offers no limit; the stack has unwound here.
      throw DeclarativeError.unparsable("the document nests too deeply");
    }
  }

  /** YAML values as the plain values the rest of the gateway uses. */
  private static Object plain(Object v) {
    if (v instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          throw new IllegalArgumentException("keys must be strings, found " + e.getKey());
        }
        out.put(key, plain(e.getValue()));
      }
      return out;
    }
    if (v instanceof Collection<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object o : list) {
        out.add(plain(o));
      }
      return out;
    }
    if (v instanceof Integer i) {
      return i.longValue();
    }
    if (v instanceof BigInteger b) {
      return b.doubleValue();
    }
    if (v instanceof Float f) {
      return f.doubleValue();
    }
    if (v == null || v instanceof String || v instanceof Long || v instanceof Double || v instanceof Boolean) {
      return v;
    }
    throw new IllegalArgumentException("unsupported YAML value of type " + v.getClass().getSimpleName());
  }
}
