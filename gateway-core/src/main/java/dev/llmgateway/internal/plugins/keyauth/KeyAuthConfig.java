package dev.llmgateway.internal.plugins.keyauth;

import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Schema;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The config of one key-auth plugin, bound from its schema by the gateway: Kong's fields with Kong's defaults, plus {@code key_in_bearer} (accept
 * {@code Authorization: Bearer <key>} when no {@code key_names} source held a key), so the OpenAI SDKs work as is.
 */
public record KeyAuthConfig(List<String> keyNames, boolean hideCredentials, String anonymous, boolean keyInHeader,
    boolean keyInQuery, boolean keyInBody, boolean keyInBearer, boolean runOnPreflight, String realm) {

  /** The schema of key-auth's {@code config} record. */
  public static final Schema SCHEMA = Schema.of("key-auth",
      Field.array("key_names", Field.string("key_name").validate(KeyAuthConfig::checkKeyName))
          .required().defaultValue(List.of("apikey"))
          .description("Where to look for the key: header, query argument or body field names"),
      Field.bool("hide_credentials").required().defaultValue(false)
          .description("Remove the credential from the request before proxying it"),
      Field.string("anonymous")
          .description("Consumer id or username to continue as when authentication fails"),
      Field.bool("key_in_header").required().defaultValue(true)
          .description("Look for the key in request headers"),
      Field.bool("key_in_query").required().defaultValue(true)
          .description("Look for the key in query arguments"),
      Field.bool("key_in_body").required().defaultValue(false)
          .description("Look for the key in form, JSON or multipart bodies"),
      Field.bool("key_in_bearer").required().defaultValue(true)
          .description("Accept 'Authorization: Bearer <key>' when no key_names source holds a key"),
      Field.bool("run_on_preflight").required().defaultValue(true)
          .description("Authenticate OPTIONS requests too"),
      Field.string("realm")
          .description("The realm sent in WWW-Authenticate"));

  private static final Pattern KEY_NAME = Pattern.compile("^[A-Za-z0-9_-]+$");

  public KeyAuthConfig {
    keyNames = List.copyOf(keyNames);
  }

  /** Kong's {@code header_name}: only letters, digits, '_' and '-' (a key name is a header and a query name). */
  static String checkKeyName(Object value) {
    String name = (String) value;
    return KEY_NAME.matcher(name).matches() ? null
        : "bad header name '" + name + "', allowed characters are A-Z, a-z, 0-9, '_', and '-'";
  }

  /** The {@code WWW-Authenticate} value sent with every 401: {@code Key} or {@code Key realm="..."}. */
  public String wwwAuthenticate() {
    return realm == null ? "Key" : "Key realm=\"" + realm + "\"";
  }
}
