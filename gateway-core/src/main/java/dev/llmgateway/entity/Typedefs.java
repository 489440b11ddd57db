package dev.llmgateway.entity;

import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Validator;
import java.util.List;
import java.util.regex.Pattern;

/** Kong's shared field types ({@code kong/db/schema/typedefs.lua}) with their exact error texts. */
public final class Typedefs {
  private Typedefs() {}

  /** Kong's {@code constants.PROTOCOLS}, sorted as Kong sorts them. */
  public static final List<String> PROTOCOLS =
      List.of("grpc", "grpcs", "http", "https", "tcp", "tls", "tls_passthrough", "udp");
  /** The protocols of Kong's http subsystem, the default {@code protocols} of routes' plugins. */
  public static final List<String> HTTP_PROTOCOLS = List.of("grpc", "grpcs", "http", "https");

  private static final Pattern UTF8_NAME = Pattern.compile("^[A-Za-z0-9.\\-_~\\x{80}-\\x{10FFFF}]+$");
  private static final Pattern TAG = Pattern.compile("^[\\x20-\\x2B\\x2D\\x2E\\x30-\\x7E\\x{80}-\\x{10FFFF}]+$");
  private static final Pattern PATH_CHARS = Pattern.compile("^/[A-Za-z0-9.\\-_~/%:@!$&'()*+,;=]*$");
  private static final Pattern TOKEN = Pattern.compile("^[a-zA-Z0-9\\-_]+$");
  private static final Pattern VALID_PERCENT = Pattern.compile("%[0-9A-Fa-f]{2}");
  private static final Pattern METHOD = Pattern.compile("^[A-Z]+$");
  static final Pattern EMPTY_SEGMENT = Pattern.compile("//");

  public static final Validator UTF8_NAME_CHECK = v -> utf8Error((String) v) != null ? utf8Error((String) v)
      : UTF8_NAME.matcher((String) v).matches() ? null
      : "invalid value '" + v + "': the only accepted ascii characters are alphanumerics or ., -, _, and ~";

  public static final Validator TAG_CHECK = v -> utf8Error((String) v) != null ? utf8Error((String) v)
      : TAG.matcher((String) v).matches() ? null
      : "invalid tag '" + v + "': expected printable ascii (except `,` and `/`) or valid utf-8 sequences";

  /** A host name or IP without a port ({@code typedefs.host}). */
  public static final Validator HOST_CHECK = v -> {
    Object r = HostPort.normalize((String) v);
    if (r instanceof String error && !error.equals("invalid port number")) {
      return "invalid value: " + v;
    }
    return r instanceof String || ((HostPort) r).port() >= 0 ? "must not have a port" : null;
  };

  /** A host name or IP with an optional port ({@code typedefs.host_with_optional_port}). */
  public static final Validator HOST_WITH_OPTIONAL_PORT_CHECK =
      v -> HostPort.normalize((String) v) instanceof String error ? error : null;

  /** A TLS server name: a host name without a port ({@code typedefs.sni}). */
  public static final Validator SNI_CHECK = v -> {
    Object r = HostPort.normalize((String) v);
    if (r instanceof String error && !error.equals("invalid port number")) {
      return "invalid value: " + v;
    }
    if (r instanceof HostPort hp && hp.kind() != HostPort.Kind.NAME) {
      return "must not be an IP";
    }
    return r instanceof String || ((HostPort) r).port() >= 0 ? "must not have a port" : null;
  };

  /** The characters and percent-encoding of a URL path ({@code validate_path}); "//" is a separate rule. */
  public static final Validator PATH_CHECK = v -> {
    String path = (String) v;
    if (EMPTY_SEGMENT.matcher(path).find()) {
      return "must not have empty segments";
    }
    if (!PATH_CHARS.matcher(path).matches()) {
      return "invalid path: '" + path + "' (characters outside of the reserved list of RFC 3986 found)";
    }
    return percentError(path);
  };

  public static final Validator HEADER_NAME_CHECK = v -> TOKEN.matcher((String) v).matches() ? null
      : "bad header name '" + v + "', allowed characters are A-Z, a-z, 0-9, '_', and '-'";

  public static final Validator COOKIE_NAME_CHECK = v -> TOKEN.matcher((String) v).matches() ? null
      : "bad cookie name '" + v + "', allowed characters are A-Z, a-z, 0-9, '_', and '-'";

  /** An IP address or CIDR range ({@code typedefs.ip_or_cidr}). */
  public static final Validator IP_OR_CIDR_CHECK = v -> IpRanges.isIpOrCidr((String) v) ? null
      : "invalid ip or cidr range: '" + v + "'";

  /** Whether a path has only the characters Kong's {@code validate_path} allows. */
  static boolean isRfc3986Path(String path) {
    return PATH_CHARS.matcher(path).matches();
  }

  /** Kong's percent-encoding check: valid {@code %XX} escapes are set aside, any other {@code %} is an error. */
  static String percentError(String path) {
    String raw = VALID_PERCENT.matcher(path).replaceAll("___");
    int at = raw.indexOf('%');
    return at < 0 ? null : "invalid url-encoded value: '" + raw.substring(at, Math.min(raw.length(), at + 3)) + "'";
  }

  /** Kong's {@code validate_utf8} error for a string that is not valid UTF-16 text (a lone surrogate). */
  static String utf8Error(String s) {
    int bytes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        return "invalid utf-8 character sequence detected at position " + (bytes + 1);
      } else {
        bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
      }
    }
    return null;
  }

  // Field shapes shared by the entity schemas.

  public static Field id() {
    return Field.uuid("id");
  }

  /** {@code auto_timestamp_s}: integer seconds. */
  public static Field createdAt() {
    return Field.integer("created_at").timestamp();
  }

  public static Field updatedAt() {
    return Field.integer("updated_at").timestamp();
  }

  /** {@code auto_timestamp_ms}: float seconds with millisecond precision (targets). */
  public static Field timestampMs(String name) {
    return Field.number(name).timestamp();
  }

  public static Field utf8Name(String name) {
    return Field.string(name).validate(UTF8_NAME_CHECK).unique();
  }

  public static Field tags() {
    return Field.set("tags", Field.string("tag").required().validate(TAG_CHECK));
  }

  /** A service timeout: 1 to 2^31-2 milliseconds, 60000 by default. */
  public static Field timeout(String name) {
    return Field.integer(name).defaultValue(60000L).between(1, 2147483646L);
  }

  public static Field port(String name) {
    return Field.integer(name).between(0, 65535);
  }

  /** {@code typedefs.path}: starts with /, no empty segment, RFC 3986 characters, valid percent-encoding. */
  public static Field path(String name) {
    return Field.string(name).startsWith("/").matchNone(EMPTY_SEGMENT, "must not have empty segments")
        .validate(PATH_CHECK);
  }

  public static Field method() {
    return Field.string("method").match(METHOD);
  }

  /** {@code typedefs.headers}: header names to arrays of values. */
  public static Field headers(String name, Field keys) {
    return Field.map(name, keys, Field.array("values", Field.string("value")));
  }

  /** {@code typedefs.protocols_http}: a plugin's protocols. */
  public static Field httpProtocols() {
    return Field.set("protocols", Field.string("protocol").oneOf(HTTP_PROTOCOLS.toArray(String[]::new)))
        .required().defaultValue(HTTP_PROTOCOLS);
  }
}
