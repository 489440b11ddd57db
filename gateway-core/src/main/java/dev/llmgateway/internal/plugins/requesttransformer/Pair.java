package dev.llmgateway.internal.plugins.requesttransformer;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code name:value} entry as Kong splits it: the name runs to the first colon, further colons right after it
 * are skipped, the rest is the value.
 */
record Pair(String name, String value) {
  static Pair parse(String entry) {
    int colon = entry.indexOf(':');
    if (colon < 0) {
      return new Pair(entry, "");
    }
    int start = colon;
    while (start < entry.length() && entry.charAt(start) == ':') {
      start++;
    }
    return new Pair(entry.substring(0, colon), entry.substring(start));
  }

  /** The entries of {@code op}, parsed once: {@code remove} lists bare names, the others {@code name:value}. */
  static List<Pair> all(Operation op, List<String> entries) {
    List<Pair> out = new ArrayList<>(entries.size());
    for (String e : entries) {
      out.add(op == Operation.REMOVE ? new Pair(e, "") : parse(e));
    }
    return List.copyOf(out);
  }
}
