package dev.llmgateway.entity;

import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.FieldErrors;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.Schema;
import dev.llmgateway.schema.Validator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A rule that matches requests to a service (Kong's {@code routes}): paths (prefix or {@code ~} regex), hosts,
 * methods and headers, plus how the matched prefix is stripped. Absent matchers are empty lists, never null.
 */
public record Route(UUID id, String name, List<String> protocols, List<String> methods, List<String> hosts,
    List<String> paths, Map<String, List<String>> headers, boolean stripPath, boolean preserveHost,
    int regexPriority, String pathHandling, int httpsRedirectStatusCode, UUID serviceId, Row row) {

  public static final Schema SCHEMA = Schema.of("routes",
      Typedefs.id(),
      Typedefs.createdAt(),
      Typedefs.updatedAt(),
      Typedefs.utf8Name("name"),
      Field.set("protocols", Field.string("protocol").oneOf(Typedefs.PROTOCOLS.toArray(String[]::new)))
          .required().defaultValue(List.of("http", "https")).lenMin(1),
      Field.set("methods", Typedefs.method()),
      Field.array("hosts", Field.string("host").validate(Route::checkHost)),
      Field.array("paths", Field.string("path").validate(Route::checkPath)),
      Field.map("headers", Field.array("values", Field.string("value"))),
      Field.integer("https_redirect_status_code").required().defaultValue(426L)
          .validate(v -> List.of(426L, 301L, 302L, 307L, 308L).contains(v) ? null
              : "expected one of: 426, 301, 302, 307, 308"),
      Field.integer("regex_priority").defaultValue(0L),
      Field.bool("strip_path").required().defaultValue(true),
      Field.string("path_handling").defaultValue("v0").oneOf("v0", "v1"),
      Field.bool("preserve_host").required().defaultValue(false),
      Field.bool("request_buffering").required().defaultValue(true),
      Field.bool("response_buffering").required().defaultValue(true),
      Field.set("snis", Field.string("sni")),
      Field.set("sources", Field.record("source", Endpoints.SCHEMA)),
      Field.set("destinations", Field.record("destination", Endpoints.SCHEMA)),
      Typedefs.tags(),
      Field.foreign("service", "services"))
      .withChecks(RouteChecks::check);

  public static final EntityType TYPE = EntityType.builder("routes", SCHEMA)
      .endpointKey("name")
      .cacheKeyField("name")
      .references("service", "services", false, "routes")
      .build();

  public Route {
    Objects.requireNonNull(id, "id");
    protocols = List.copyOf(protocols);
    methods = List.copyOf(methods);
    hosts = List.copyOf(hosts);
    paths = List.copyOf(paths);
    headers = Map.copyOf(headers);
    Objects.requireNonNull(pathHandling, "pathHandling");
    Objects.requireNonNull(row, "row");
  }

  /** The typed view of a validated routes row. */
  public static Route of(Row row) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    Map<String, Object> rawHeaders = row.map("headers");
    if (rawHeaders != null) {
      rawHeaders.forEach((k, v) -> headers.put(k, strings(v)));
    }
    return new Route(row.uuid("id"), row.string("name"), orEmpty(row.strings("protocols")),
        orEmpty(row.strings("methods")), orEmpty(row.strings("hosts")), orEmpty(row.strings("paths")), headers,
        row.bool("strip_path"), row.bool("preserve_host"), row.integer("regex_priority"),
        row.string("path_handling"), row.integer("https_redirect_status_code"), row.foreignId("service"), row);
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object v) {
    return v == null ? List.of() : List.copyOf((Collection<String>) v);
  }

  private static List<String> orEmpty(List<String> list) {
    return list == null ? List.of() : list;
  }

  static String checkPath(Object value) {
    String path = (String) value;
    if (!path.startsWith("/") && !path.startsWith("~/")) {
      return "should start with: / (fixed path) or ~/ (regex path)";
    }
    if (path.contains("//")) {
      return "must not have empty segments";
    }
    String percent = Typedefs.percentError(path);
    if (percent != null) {
      return percent;
    }
    if (path.startsWith("~")) {
      try {
        Pattern.compile(path.substring(1));
      } catch (PatternSyntaxException e) {
        return "invalid regex: '" + path.substring(1) + "' (PCRE returned: " + e.getDescription() + ")";
      }
      return null;
    }
    String normalized = dev.llmgateway.route.PathNormalizer.canonicalRoutePath(path);
    if (!path.equals(normalized)) {
      return "non-normalized path, consider use '" + normalized + "' instead";
    }
    return null;
  }

  static String checkHost(Object value) {
    String host = (String) value;
    int stars = host.length() - host.replace("*", "").length();
    if (stars > 1) {
      return "invalid wildcard: must have at most one wildcard";
    }
    if (stars == 1 && !(host.startsWith("*.") || host.endsWith(".*"))) {
      return "invalid wildcard: must be placed at leftmost or rightmost label";
    }
    Validator v = Typedefs.HOST_WITH_OPTIONAL_PORT_CHECK;
    return v.check(host.replace("*", "abc"));
  }

  /** The {@code ip}/{@code port} records of stream routes' sources and destinations. */
  static final class Endpoints {
    static final Schema SCHEMA = Schema.of("endpoint",
        Field.string("ip"),
        Typedefs.port("port"))
        .withChecks(dev.llmgateway.schema.EntityCheck.atLeastOneOf("ip", "port"));

    private Endpoints() {}
  }

  /** Kong's route entity checks that span fields. */
  static final class RouteChecks {
    private RouteChecks() {}

    @SuppressWarnings("unchecked")
    static void check(Map<String, Object> v, FieldErrors errors) {
      List<String> protocols = (List<String>) v.get("protocols");
      boolean http = protocols.contains("http") || protocols.contains("https");
      List<String> groups = new ArrayList<>();
      for (String p : protocols) {
        String g = switch (p) {
          case "http", "https" -> "http";
          case "tcp", "tls", "udp" -> "stream";
          case "tls_passthrough" -> "passthrough";
          default -> "grpc";
        };
        if (!groups.contains(g)) {
          groups.add(g);
        }
      }
      if (groups.size() > 1) {
        errors.put("protocols", "mixing protocol groups is not allowed");
        return;
      }
      Map<String, Object> headers = (Map<String, Object>) v.get("headers");
      if (headers != null) {
        for (String name : headers.keySet()) {
          if (name.equalsIgnoreCase("host")) {
            errors.put("headers", "cannot contain 'host' header, which must be specified in the 'hosts' attribute");
          }
        }
      }
      if (http) {
        for (String f : List.of("sources", "destinations")) {
          if (v.get(f) != null) {
            errors.put(f, "cannot set '" + f + "' when 'protocols' is 'http' or 'https'");
          }
        }
        boolean https = protocols.contains("https");
        boolean any = nonEmpty(v.get("methods")) || nonEmpty(v.get("hosts")) || nonEmpty(v.get("headers"))
            || nonEmpty(v.get("paths")) || (https && nonEmpty(v.get("snis")));
        if (!any) {
          errors.entity(https && !protocols.contains("http")
              ? "must set one of 'methods', 'hosts', 'headers', 'paths', 'snis' when 'protocols' is 'https'"
              : "must set one of 'methods', 'hosts', 'headers', 'paths' when 'protocols' is 'http'");
        }
        if (!https && v.get("snis") != null) {
          errors.put("snis", "'snis' can only be set when 'protocols' is 'grpcs', 'https', 'tls' or 'tls_passthrough'");
        }
      }
      if (groups.contains("grpc") && Boolean.TRUE.equals(v.get("strip_path"))) {
        errors.put("strip_path", "cannot set 'strip_path' when 'protocols' is 'grpc' or 'grpcs'");
      }
    }

    private static boolean nonEmpty(Object o) {
      return o instanceof Collection<?> c ? !c.isEmpty() : o instanceof Map<?, ?> m ? !m.isEmpty() : o != null;
    }
  }
}
