package dev.llmgateway.internal.plugins.keyauth;

import dev.llmgateway.plugin.ClientRequest;
import java.util.List;

/**
 * Where key-auth looks for a key, in Kong's order: for each of {@code key_names}, the header, then the query
 * argument, then the body field; the first string value wins and a repeated one is a duplicate. Only when none
 * of them held a key is {@code Authorization: Bearer <key>} tried (ours, for the OpenAI SDKs).
 */
final class KeySearch {
  /** What the search found: a key and the name it came under (null for Bearer), a duplicate, or nothing. */
  record Result(String key, String name, boolean duplicate) {
    static final Result NONE = new Result(null, null, false);
    static final Result DUPLICATE = new Result(null, null, true);

    boolean found() {
      return key != null && !key.isEmpty();
    }
  }

  private KeySearch() {}

  static Result find(KeyAuthConfig conf, ClientRequest request, BodyFields body) {
    Result named = byName(conf, request, body);
    if (named.duplicate() || named.found() || !conf.keyInBearer()) {
      return named;
    }
    List<String> tokens = BearerTokens.of(request.headers().all("Authorization"));
    if (tokens.size() > 1) {
      return Result.DUPLICATE;
    }
    return tokens.isEmpty() ? named : new Result(tokens.get(0), null, false);
  }

  private static Result byName(KeyAuthConfig conf, ClientRequest request, BodyFields body) {
    for (String name : conf.keyNames()) {
      Object v = null;
      if (conf.keyInHeader()) {
        v = single(request.headers().all(name));
      }
      if (v == null && conf.keyInQuery()) {
        v = single(request.queryParams(name));
      }
      if (v == null && conf.keyInBody()) {
        v = body.value(name);
      }
      if (v instanceof String s) {
        return new Result(s, name, false);
      }
      if (v instanceof List<?>) {
        return Result.DUPLICATE;
      }
    }
    return Result.NONE;
  }

  /** Null when absent, the value when there is one, the list when the name is repeated. */
  private static Object single(List<String> values) {
    if (values.isEmpty()) {
      return null;
    }
    return values.size() == 1 ? values.get(0) : values;
  }
}
