package dev.llmgateway.plugin;

import java.util.Objects;

/**
 * A typed key for per-request state shared between phases and plugins (like Undertow's AttachmentKey); compare by
 * identity, so keep keys in constants.
 */
public final class RequestKey<T> {
  private final String name;
  private final Class<T> type;

  private RequestKey(String name, Class<T> type) {
    this.name = Objects.requireNonNull(name, "name");
    this.type = Objects.requireNonNull(type, "type");
  }

  public static <T> RequestKey<T> of(String name, Class<T> type) {
    return new RequestKey<>(name, type);
  }

  public T cast(Object value) {
    return type.cast(value);
  }

  @Override
  public String toString() {
    return "RequestKey[" + name + "]";
  }
}
