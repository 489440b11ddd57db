package dev.llmgateway.internal.plugins.prometheus;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps the {@code model} label bounded: the first {@code limit} model names seen become label values, every
 * later one folds into {@link #OTHER}, so clients sending made-up model names cannot grow the series count.
 */
final class ModelLabels {
  /** The label value of every model past the limit, and of names too long to be real models. */
  static final String OTHER = "other";
  static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LENGTH = 128;

  private final int limit;
  private final ConcurrentMap<String, String> known = new ConcurrentHashMap<>();
  private final AtomicInteger admitted = new AtomicInteger();

  ModelLabels(int limit) {
    this.limit = limit;
  }

  /** The label value for {@code model}: itself when known or admitted now, else {@link #OTHER}. */
  String label(String model) {
    if (model == null || model.isEmpty()) {
      return "";
    }
    String value = known.get(model);
    if (value != null) {
      return value;
    }
    if (model.length() > MAX_LENGTH || admitted.get() >= limit) {
      return OTHER;
    }
    if (admitted.incrementAndGet() > limit) {
      return OTHER;
    }
    String previous = known.putIfAbsent(model, model);
    if (previous != null) {
      admitted.decrementAndGet();
      return previous;
    }
    return model;
  }
}
