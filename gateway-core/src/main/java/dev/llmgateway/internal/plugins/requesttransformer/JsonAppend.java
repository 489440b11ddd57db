package dev.llmgateway.internal.plugins.requesttransformer;

import java.util.ArrayList;
import java.util.List;

/** Kong's {@code append} on a JSON body field, shared by the request and response transformers. */
public final class JsonAppend {
  private JsonAppend() {}

  /** {@code value} appended to what the field holds: a string becomes a two-element array, an array grows. */
  public static Object appended(Object current, Object value) {
    if (current instanceof String s) {
      return new ArrayList<>(List.of(s, value));
    }
    if (current instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l);
      out.add(value);
      return out;
    }
    return new ArrayList<>(List.of(value));
  }
}
