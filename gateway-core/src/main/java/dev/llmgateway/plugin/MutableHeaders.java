package dev.llmgateway.plugin;

/** Headers a plugin may change: those sent upstream, or those sent back to the client. */
public interface MutableHeaders extends Headers {
  /** Replaces every value of {@code name} with {@code value}. */
  void set(String name, String value);

  /** Adds one more value. */
  void add(String name, String value);

  /** Removes every value of {@code name}. */
  void remove(String name);
}
