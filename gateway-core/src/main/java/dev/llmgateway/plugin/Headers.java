package dev.llmgateway.plugin;

import java.util.Collection;
import java.util.List;

/** A read-only view of HTTP headers; names match case-insensitively. */
public interface Headers {
  /** The first value, or null. */
  String first(String name);

  /** All values in order; empty when absent. */
  List<String> all(String name);

  /** The header names present. */
  Collection<String> names();

  default boolean contains(String name) {
    return first(name) != null;
  }
}
