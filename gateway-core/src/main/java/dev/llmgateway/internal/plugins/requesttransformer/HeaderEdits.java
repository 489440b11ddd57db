package dev.llmgateway.internal.plugins.requesttransformer;

import dev.llmgateway.plugin.MutableHeaders;
import java.util.List;

/**
 * Kong's header operations on the upstream request, names matched case-insensitively: rename moves every value,
 * replace only touches a header that is there (or {@code host}), add only one that is not (never {@code host}),
 * append always adds a value.
 */
final class HeaderEdits {
  private HeaderEdits() {}

  static void apply(MutableHeaders h, Operation op, List<Pair> entries) {
    for (Pair p : entries) {
      switch (op) {
        case REMOVE -> h.remove(p.name());
        case RENAME -> {
          List<String> values = List.copyOf(h.all(p.name()));
          if (!values.isEmpty()) {
            h.remove(p.name());
            h.remove(p.value());
            for (String v : values) {
              h.add(p.value(), v);
            }
          }
        }
        case REPLACE -> {
          if (h.contains(p.name()) || p.name().equalsIgnoreCase("host")) {
            h.set(p.name(), p.value());
          }
        }
        case ADD -> {
          if (!h.contains(p.name()) && !p.name().equalsIgnoreCase("host")) {
            h.set(p.name(), p.value());
          }
        }
        case APPEND -> h.add(p.name(), p.value());
        default -> throw new IllegalStateException(op.name());
      }
    }
  }
}
