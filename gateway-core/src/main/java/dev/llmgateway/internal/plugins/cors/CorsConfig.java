package dev.llmgateway.internal.plugins.cors;

import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Schema;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The config of one cors plugin, field for field Kong 3.10's: allowed origins ({@code *}, plain origins or
 * regexes), the headers and methods a preflight allows, the exposed headers, {@code max_age}, credentials,
 * private network access, whether preflights go upstream, and whether requests without an Origin get headers.
 */
public record CorsConfig(List<String> origins, List<String> headers, List<String> exposedHeaders,
    List<String> methods, Double maxAge, boolean credentials, boolean privateNetwork, boolean preflightContinue,
    boolean allowOriginAbsent) {

  /** Kong's methods, in its order: the default and the only values allowed. */
  static final List<String> METHODS =
      List.of("GET", "HEAD", "PUT", "PATCH", "POST", "DELETE", "OPTIONS", "TRACE", "CONNECT");

  /** The schema of cors's {@code config} record. */
  public static final Schema SCHEMA = Schema.of("cors",
      Field.array("origins", Field.string("origin").validate(CorsConfig::asteriskOrRegex))
          .description("Allowed origins: '*', an origin, or a regex"),
      Field.array("headers", Field.string("header"))
          .description("Access-Control-Allow-Headers of a preflight; unset echoes Access-Control-Request-Headers"),
      Field.array("exposed_headers", Field.string("header"))
          .description("Access-Control-Expose-Headers"),
      Field.array("methods", Field.string("method").oneOf(METHODS.toArray(String[]::new)))
          .defaultValue(METHODS)
          .description("Access-Control-Allow-Methods of a preflight"),
      Field.number("max_age").description("Access-Control-Max-Age of a preflight, in seconds"),
      Field.bool("credentials").required().defaultValue(false)
          .description("Send Access-Control-Allow-Credentials: true"),
      Field.bool("private_network").required().defaultValue(false)
          .description("Answer Access-Control-Request-Private-Network with Access-Control-Allow-Private-Network"),
      Field.bool("preflight_continue").required().defaultValue(false)
          .description("Proxy preflight requests upstream instead of answering them"),
      Field.bool("allow_origin_absent").required().defaultValue(true)
          .description("Add CORS headers to responses to requests without an Origin header"));

  public CorsConfig {
    origins = origins == null ? null : List.copyOf(origins);
    headers = headers == null ? null : List.copyOf(headers);
    exposedHeaders = exposedHeaders == null ? null : List.copyOf(exposedHeaders);
    methods = methods == null ? null : List.copyOf(methods);
  }

  private static String asteriskOrRegex(Object value) {
    String s = (String) value;
    if (s.equals("*")) {
      return null;
    }
    try {
      Pattern.compile(s);
      return null;
    } catch (PatternSyntaxException e) {
      return "'" + s + "' is not a valid regex";
    }
  }
}
