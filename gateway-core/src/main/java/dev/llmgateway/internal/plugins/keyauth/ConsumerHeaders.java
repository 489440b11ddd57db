package dev.llmgateway.internal.plugins.keyauth;

import dev.llmgateway.entity.Consumer;
import dev.llmgateway.entity.UuidText;
import dev.llmgateway.plugin.MutableHeaders;

/**
 * The identity headers every auth plugin sends upstream (Kong's names). Each is set when it applies and removed
 * when it does not, so a client can never pass its own {@code X-Consumer-*} values through.
 */
public final class ConsumerHeaders {
  public static final String CONSUMER_ID = "X-Consumer-ID";
  public static final String CONSUMER_CUSTOM_ID = "X-Consumer-Custom-ID";
  public static final String CONSUMER_USERNAME = "X-Consumer-Username";
  public static final String CREDENTIAL_IDENTIFIER = "X-Credential-Identifier";
  public static final String ANONYMOUS = "X-Anonymous-Consumer";

  private ConsumerHeaders() {}

  /**
   * Sets the headers for {@code consumer} (may be null) authenticated by the credential identified by
   * {@code credentialId} (key-auth: its id; basic-auth: its username; jwt: its key; null: anonymous).
   */
  public static void set(MutableHeaders upstream, Consumer consumer, String credentialId) {
    put(upstream, CONSUMER_ID, consumer == null ? null : UuidText.of(consumer.id()));
    put(upstream, CONSUMER_CUSTOM_ID, consumer == null ? null : consumer.customId());
    put(upstream, CONSUMER_USERNAME, consumer == null ? null : consumer.username());
    put(upstream, CREDENTIAL_IDENTIFIER, credentialId);
    put(upstream, ANONYMOUS, credentialId == null ? "true" : null);
  }

  /** Removes every identity header (a request that passes without authentication). */
  public static void clear(MutableHeaders upstream) {
    upstream.remove(CONSUMER_ID);
    upstream.remove(CONSUMER_CUSTOM_ID);
    upstream.remove(CONSUMER_USERNAME);
    upstream.remove(CREDENTIAL_IDENTIFIER);
    upstream.remove(ANONYMOUS);
  }

  private static void put(MutableHeaders headers, String name, String value) {
    if (value == null) {
      headers.remove(name);
    } else {
      headers.set(name, value);
    }
  }
}
