package dev.llmgateway.internal.plugins.requesttransformer;

import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Schema;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The config of one request-transformer plugin, as Kong 3.10 has it: an upstream method, and five operations in
 * this order — remove, rename, replace, add, append — each on headers, query string and body ({@code replace}
 * also sets the upstream {@code uri}).
 */
public record RequestTransformerConfig(String httpMethod, Operations remove, Operations rename, Replace replace,
    Operations add, Operations append) {

  private static final String NAME = "request-transformer";

  /** One operation's entries: names for remove, {@code name:value} pairs for the others. */
  public record Operations(List<String> body, List<String> headers, List<String> querystring) {
    public Operations {
      body = List.copyOf(body);
      headers = List.copyOf(headers);
      querystring = List.copyOf(querystring);
    }

    boolean touchesBody() {
      return !body.isEmpty();
    }
  }

  /** The replace operation: like the others, plus the upstream path. */
  public record Replace(List<String> body, List<String> headers, List<String> querystring, String uri) {
    public Replace {
      body = List.copyOf(body);
      headers = List.copyOf(headers);
      querystring = List.copyOf(querystring);
    }

    Operations operations() {
      return new Operations(body, headers, querystring);
    }
  }

  private static Schema operations(String name, Field body, Field headers, Field query) {
    return Schema.of(name, EntryChecks.array("body", body), EntryChecks.array("headers", headers),
        EntryChecks.array("querystring", query));
  }

  /** The schema of request-transformer's {@code config} record. */
  public static final Schema SCHEMA = Schema.of(NAME,
      Field.string("http_method").match(Pattern.compile("^[A-Z]+$"))
          .description("The method sent upstream"),
      Field.record("remove", operations("remove", EntryChecks.names(), EntryChecks.headerNames(),
          EntryChecks.names())),
      Field.record("rename", operations("rename", EntryChecks.valuePairs(NAME), EntryChecks.headerPairs(NAME, true),
          EntryChecks.valuePairs(NAME))),
      Field.record("replace", Schema.of("replace",
          EntryChecks.array("body", EntryChecks.valuePairs(NAME)),
          EntryChecks.array("headers", EntryChecks.headerPairs(NAME, false)),
          EntryChecks.array("querystring", EntryChecks.valuePairs(NAME)),
          Field.string("uri").validate(v -> EntryChecks.template(NAME, (String) v)))),
      Field.record("add", operations("add", EntryChecks.valuePairs(NAME), EntryChecks.headerPairs(NAME, false),
          EntryChecks.valuePairs(NAME))),
      Field.record("append", operations("append", EntryChecks.valuePairs(NAME),
          EntryChecks.headerPairs(NAME, false), EntryChecks.valuePairs(NAME))));

  /** True when some operation changes the body. */
  boolean touchesBody() {
    return remove.touchesBody() || rename.touchesBody() || replace.operations().touchesBody() || add.touchesBody()
        || append.touchesBody();
  }
}
