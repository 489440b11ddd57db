package dev.llmgateway.internal.plugins.testing;

import dev.llmgateway.plugin.MutableHeaders;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Case-insensitive, ordered, mutable headers for core unit tests of code that reads or sets headers. */
public final class TestHeaders implements MutableHeaders {
  private final Map<String, List<String>> byName = new LinkedHashMap<>();
  private final Map<String, String> original = new LinkedHashMap<>();

  public TestHeaders() {}

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  @Override
  public String first(String name) {
    List<String> v = byName.get(key(name));
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  @Override
  public List<String> all(String name) {
    List<String> v = byName.get(key(name));
    return v == null ? List.of() : List.copyOf(v);
  }

  @Override
  public Collection<String> names() {
    return List.copyOf(original.values());
  }

  @Override
  public void set(String name, String value) {
    remove(name);
    add(name, value);
  }

  @Override
  public void add(String name, String value) {
    byName.computeIfAbsent(key(name), k -> new ArrayList<>()).add(value);
    original.putIfAbsent(key(name), name);
  }

  @Override
  public void remove(String name) {
    byName.remove(key(name));
    original.remove(key(name));
  }

  @Override
  public String toString() {
    return byName.toString();
  }
}
