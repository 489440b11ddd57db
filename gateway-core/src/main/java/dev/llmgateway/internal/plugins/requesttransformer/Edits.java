package dev.llmgateway.internal.plugins.requesttransformer;

import dev.llmgateway.internal.plugins.requesttransformer.RequestTransformerConfig.Operations;
import java.util.List;

/** One operation's entries on body, headers and query string, split into name and value once per plugin. */
record Edits(Operation op, List<Pair> body, List<Pair> headers, List<Pair> querystring) {
  static Edits of(Operation op, Operations entries) {
    return new Edits(op, Pair.all(op, entries.body()), Pair.all(op, entries.headers()),
        Pair.all(op, entries.querystring()));
  }
}
