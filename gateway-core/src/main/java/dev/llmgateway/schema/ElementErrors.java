package dev.llmgateway.schema;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The errors of an array's or set's elements by 0-based index (Kong's errors table with integer keys); each error
 * is a message, a record's {@link FieldErrors} or, for nested arrays, another {@code ElementErrors}.
 */
final class ElementErrors {
  private final Map<Integer, Object> byIndex = new TreeMap<>();

  void put(int index, Object error) {
    byIndex.put(index, error);
  }

  Object get(int index) {
    return byIndex.get(index);
  }

  int maxIndex() {
    int max = -1;
    for (int i : byIndex.keySet()) {
      max = Math.max(max, i);
    }
    return max;
  }

  boolean isEmpty() {
    return byIndex.isEmpty();
  }

  /** In ascending index order. */
  void forEach(BiConsumer<Integer, Object> action) {
    byIndex.forEach(action);
  }
}
