package dev.llmgateway.internal.plugins.responsetransformer;

import dev.llmgateway.internal.plugins.requesttransformer.EntryChecks;
import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Schema;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The config of one response-transformer plugin, as Kong 3.10 has it: remove and rename (JSON fields and
 * headers), and replace, add and append (JSON fields with their {@code json_types}, and headers).
 */
public record ResponseTransformerConfig(Names remove, Names rename, Values replace, Values add, Values append) {

  private static final Pattern HEADER_NAME = Pattern.compile("^[A-Za-z0-9_-]+$");

  /** Remove and rename: JSON field entries and header entries. */
  public record Names(List<String> json, List<String> headers) {
    public Names {
      json = List.copyOf(json);
      headers = List.copyOf(headers);
    }
  }

  /** Replace, add and append: {@code name:value} JSON entries, their types by index, and header entries. */
  public record Values(List<String> json, List<String> jsonTypes, List<String> headers) {
    public Values {
      json = List.copyOf(json);
      jsonTypes = List.copyOf(jsonTypes);
      headers = List.copyOf(headers);
    }
  }

  private static Field pairs() {
    return Field.string("pair").match(EntryChecks.COLON_PAIR);
  }

  private static Field headerPairs(boolean renaming) {
    return pairs().validate(v -> {
      String s = (String) v;
      int colon = s.indexOf(':');
      String name = s.substring(0, colon);
      String value = s.substring(colon + 1).replaceFirst("^:+", "");
      if (!HEADER_NAME.matcher(name).matches()) {
        return "'" + name + "' is not a valid header";
      }
      if (renaming && !HEADER_NAME.matcher(value).matches()) {
        return "'" + value + "' is not a valid header";
      }
      return null;
    });
  }

  private static Schema values(String name) {
    return Schema.of(name,
        EntryChecks.array("json", pairs()),
        EntryChecks.array("json_types", Field.string("type").oneOf("boolean", "number", "string")),
        EntryChecks.array("headers", headerPairs(false)));
  }

  /** The schema of response-transformer's {@code config} record. */
  public static final Schema SCHEMA = Schema.of("response-transformer",
      Field.record("remove", Schema.of("remove", EntryChecks.array("json", EntryChecks.names()),
          EntryChecks.array("headers", EntryChecks.names()))),
      Field.record("rename", Schema.of("rename", EntryChecks.array("json", pairs()),
          EntryChecks.array("headers", headerPairs(true)))),
      Field.record("replace", values("replace")),
      Field.record("add", values("add")),
      Field.record("append", values("append")));

  /** True when some operation edits JSON bodies. */
  boolean touchesJson() {
    return !remove.json().isEmpty() || !rename.json().isEmpty() || !replace.json().isEmpty()
        || !add.json().isEmpty() || !append.json().isEmpty();
  }
}
