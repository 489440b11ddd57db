package dev.llmgateway.plugins.basicauth;

import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.Schema;
import java.util.Objects;

/** The config of one basic-auth plugin: Kong's three fields with Kong's defaults. */
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

  /** The typed view of a validated config row. */
  public static BasicAuthConfig of(Row row) {
    Objects.requireNonNull(row, "row");
    return new BasicAuthConfig(row.string("anonymous"), row.bool("hide_credentials"), row.string("realm"));
  }

  /** The {@code WWW-Authenticate} value sent with every 401. */
  public String wwwAuthenticate() {
    return "Basic realm=\"" + realm + "\"";
  }
}
