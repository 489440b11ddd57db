package dev.llmgateway.entity;

import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Validator;
import java.util.List;
import java.util.regex.Pattern;

/** Kong's shared field types ({@code kong/db/schema/typedefs.lua}) with their exact error texts. */
public final class Typedefs {
  private Typedefs() {}

  public static final List<String> PROTOCOLS =
      List.of("grpc", "grpcs", "http", "https", "tcp", "tls", "tls_passthrough", "udp");
  public static final List<String> HTTP_PROTOCOLS = List.of("grpc", "grpcs", "http", "https");

  private static final Pattern UTF8_NAME = Pattern.compile("^[A-Za-z0-9.\\-_~\\x{80}-\\x{10FFFF}]+$");
  private static final Pattern TAG = Pattern.compile("^[\\x20-\\x2B\\x2D\\x2E\\x30-\\x7E\\x{80}-\\x{10FFFF}]+$");
  private static final Pattern HOST_LABELS =
      Pattern.compile("^(?=.{1,253}$)[A-Za-z0-9_]([A-Za-z0-9_\\-]{0,62})(\\.[A-Za-z0-9_]([A-Za-z0-9_\\-]{0,62}))*\\.?$");
  private static final Pattern IPV4 = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$");
  private static final Pattern PATH_CHARS = Pattern.compile("^/[A-Za-z0-9.\\-_~/%:@!$&'()*+,;=]*$");
  private static final Pattern HEADER_NAME = Pattern.compile("^[A-Za-z0-9!#$%&'*+\\-.^_`|~]+$");
  private static final Pattern METHOD = Pattern.compile("^[A-Z]+$");

  public static final Validator UTF8_NAME_CHECK = v -> UTF8_NAME.matcher((String) v).matches() ? null
      : "invalid value '" + v + "': the only accepted ascii characters are alphanumerics or ., -, _, and ~";

  public static final Validator TAG_CHECK = v -> TAG.matcher((String) v).matches() ? null
      : "invalid tag '" + v + "': expected printable ascii (except `,` and `/`) or valid utf-8 sequences";

  /** A host name or IP without a port ({@code typedefs.host}). */
  public static final Validator HOST_CHECK = v -> {
    String host = (String) v;
    HostPort hp = HostPort.parse(host);
    if (hp == null) {
      return "invalid value: " + host;
    }
    return hp.port() >= 0 ? "must not have a port" : null;
  };

  /** A host name or IP with an optional port ({@code typedefs.host_with_optional_port}). */
  public static final Validator HOST_WITH_OPTIONAL_PORT_CHECK = v -> {
    String host = (String) v;
    HostPort hp = HostPort.parse(host);
    if (hp == null) {
      return "invalid value: " + host;
    }
    return hp.port() > 65535 ? "invalid port number" : null;
  };

  /** A URL path ({@code typedefs.path}), as service paths use. */
  public static final Validator PATH_CHECK = v -> {
    String path = (String) v;
    if (path.contains("//")) {
      return "must not have empty segments";
    }
    if (!PATH_CHARS.matcher(path).matches()) {
      return "invalid path: '" + path + "' (characters outside of the reserved list of RFC 3986 found)";
    }
    return percentError(path);
  };

  public static final Validator HEADER_NAME_CHECK =
      v -> HEADER_NAME.matcher((String) v).matches() ? null : "bad header name '" + v + "', allowed characters are A-Z, a-z, 0-9, '_', and '-'";

  static String percentError(String path) {
    for (int i = 0; i < path.length(); i++) {
      if (path.charAt(i) == '%') {
        if (i + 2 >= path.length() || !isHex(path.charAt(i + 1)) || !isHex(path.charAt(i + 2))) {
          return "invalid url-encoded value: '" + path.substring(i, Math.min(path.length(), i + 3)) + "'";
        }
        i += 2;
      }
    }
    return null;
  }

  static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  static boolean isIpv4(String s) {
    var m = IPV4.matcher(s);
    if (!m.matches()) {
      return false;
    }
    for (int i = 1; i <= 4; i++) {
      if (Integer.parseInt(m.group(i)) > 255) {
        return false;
      }
    }
    return true;
  }

  static boolean isHostname(String s) {
    return HOST_LABELS.matcher(s).matches();
  }

  // Field shapes shared by the entity schemas.

  public static Field id() {
    return Field.uuid("id");
  }

  public static Field createdAt() {
    return Field.integer("created_at");
  }

  public static Field updatedAt() {
    return Field.integer("updated_at");
  }

  public static Field utf8Name(String name) {
    return Field.string(name).validate(UTF8_NAME_CHECK).unique();
  }

  public static Field tags() {
    return Field.set("tags", Field.string("tag").required().validate(TAG_CHECK));
  }

  public static Field timeout(String name) {
    return Field.integer(name).defaultValue(60000L).between(1, 2147483646L);
  }

  public static Field port(String name) {
    return Field.integer(name).between(0, 65535);
  }

  public static Field method() {
    return Field.string("method").matches(METHOD, "invalid value: must be uppercase");
  }
}
