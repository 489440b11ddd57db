package dev.llmgateway.internal.plugins.basicauth;

import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Schema;
import java.util.Objects;

/** The config of one basic-auth plugin, bound from its schema by the gateway: Kong's three fields and defaults. */
public record BasicAuthConfig(String anonymous, boolean hideCredentials, String realm) {

  /** The schema of basic-auth's {@code config} record. */
  public static final Schema SCHEMA = Schema.of("basic-auth",
      Field.string("anonymous")
          .description("Consumer id or username to continue as when authentication fails"),
      Field.bool("hide_credentials").required().defaultValue(false)
          .description("Remove the Authorization / Proxy-Authorization header before proxying"),
      Field.string("realm").required().defaultValue("service")
          .description("The realm sent in WWW-Authenticate"));

  public BasicAuthConfig {
    Objects.requireNonNull(realm, "realm");
  }

  /** The {@code WWW-Authenticate} value sent with every 401. */
  public String wwwAuthenticate() {
    return "Basic realm=\"" + realm + "\"";
  }
}
