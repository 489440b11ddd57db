package dev.llmgateway.internal.admin;

import dev.llmgateway.entity.EntityType;
import dev.llmgateway.internal.pipeline.PluginRegistry;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.internal.plugins.keyauth.KeyAuthCredential;
import dev.llmgateway.internal.plugins.keyauth.KeyAuthType;
import dev.llmgateway.internal.plugins.ratelimiting.RateLimitingType;

/**
 * The plugin types the Admin API, store and declarative-config tests run with: the bundled key-auth (which
 * contributes its credential entity, served at {@code /key-auths} and {@code /consumers/{c}/key-auth}) and
 * rate-limiting, so those tests exercise the real schemas users meet.
 */
public final class TestPlugins {
  private TestPlugins() {}

  /** key-auth's credentials, Kong's {@code keyauth_credentials}. */
  public static final EntityType CREDENTIALS = KeyAuthCredential.TYPE;

  public static final PluginType<?> KEY_AUTH = new KeyAuthType();

  public static final PluginType<?> RATE_LIMITING = new RateLimitingType();

  /** A registry with both plugin types. */
  public static PluginRegistry registry() {
    return PluginRegistry.of(KEY_AUTH, RATE_LIMITING);
  }
}
