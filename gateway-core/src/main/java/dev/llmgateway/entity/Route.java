package dev.llmgateway.entity;

import dev.llmgateway.schema.EntityCheck;
import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.Schema;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A rule that matches requests to a service (Kong's {@code routes}, {@code routes.lua} with the subschemas of
 * {@code routes_subschemas.lua} for http, stream and grpc protocols): paths (prefix or {@code ~} regex), hosts,
 * methods and headers, plus how the matched prefix is stripped. Absent matchers are empty lists, never null.
 */
public record Route(UUID id, String name, List<String> protocols, List<String> methods, List<String> hosts,
    List<String> paths, Map<String, List<String>> headers, boolean stripPath, boolean preserveHost,
    long regexPriority, String pathHandling, int httpsRedirectStatusCode, UUID serviceId, Row row) {

  private static final Pattern ONE_WILDCARD = Pattern.compile("^[^*]*\\*?[^*]*$");
  private static final java.util.Set<String> TLS_PROTOCOLS = java.util.Set.of("grpcs", "https", "tls",
      "tls_passthrough");
  private static final Pattern HOST_HEADER = Pattern.compile("^[Hh][Oo][Ss][Tt]$");

  /** The {@code ip}/{@code port} records of stream routes' sources and destinations. */
  private static final Schema ENDPOINT = Schema.of("endpoint",
      Field.string("ip").validate(Typedefs.IP_OR_CIDR_CHECK),
      Typedefs.port("port"))
      .withChecks(EntityCheck.atLeastOneOf("ip", "port"));

  static final Field METHODS = Field.set("methods", Typedefs.method());
  static final Field HOSTS = Field.array("hosts", Field.string("host")
      .matchAll(ONE_WILDCARD, "invalid wildcard: must have at most one wildcard")
      .matchAny("invalid wildcard: must be placed at leftmost or rightmost label",
          Pattern.compile("^\\*\\."), Pattern.compile("\\.\\*$"), Pattern.compile("^[^*]*$"))
      .validate(v -> Typedefs.HOST_WITH_OPTIONAL_PORT_CHECK.check(((String) v).replace("*", "abc"))));
  static final Field PATHS = Field.array("paths", Field.string("path")
      .matchNone(Typedefs.EMPTY_SEGMENT, "must not have empty segments")
      .matchAny("should start with: / (fixed path) or ~/ (regex path)", Pattern.compile("^/"), Pattern.compile("^~/"))
      .validate(Route::checkPath));
  static final Field HEADERS = Field.map("headers", Field.string("header")
      .matchNone(HOST_HEADER, "cannot contain 'host' header, which must be specified in the 'hosts' attribute")
      .validate(Typedefs.HEADER_NAME_CHECK),
      Field.array("values", Field.string("value").validate(Route::checkHeaderValue)));
  static final Field STRIP_PATH = Field.bool("strip_path").required().defaultValue(true);
  static final Field SOURCES = Field.set("sources", Field.record("source", ENDPOINT));
  static final Field DESTINATIONS = Field.set("destinations", Field.record("destination", ENDPOINT));

  public static final Schema SCHEMA = Schema.of("routes",
      Typedefs.id(),
      Typedefs.createdAt(),
      Typedefs.updatedAt(),
      Typedefs.utf8Name("name"),
      Field.set("protocols", Field.string("protocol").oneOf(Typedefs.PROTOCOLS.toArray(String[]::new)))
          .required().defaultValue(List.of("http", "https")).lenMin(1)
          .mutuallyExclusiveSubsets(List.of(List.of("http", "https"), List.of("tcp", "tls", "udp"),
              List.of("tls_passthrough"), List.of("grpc", "grpcs"))),
      METHODS,
      HOSTS,
      PATHS,
      HEADERS,
      Field.integer("https_redirect_status_code").required().defaultValue(426L)
          .oneOfValues(426L, 301L, 302L, 307L, 308L),
      Field.integer("regex_priority").defaultValue(0L),
      STRIP_PATH,
      Field.string("path_handling").defaultValue("v0").oneOf("v0", "v1"),
      Field.bool("preserve_host").required().defaultValue(false),
      Field.bool("request_buffering").required().defaultValue(true),
      Field.bool("response_buffering").required().defaultValue(true),
      Field.set("snis", Field.string("sni").validate(Typedefs.SNI_CHECK)),
      SOURCES,
      DESTINATIONS,
      Typedefs.tags(),
      Field.foreign("service", "services"))
      .withChecks(EntityCheck.conditional("protocols",
          p -> p instanceof Collection<?> c && c.stream().noneMatch(TLS_PROTOCOLS::contains),
          "snis", EntityCheck.Then.lenEq(0),
          "'snis' can only be set when 'protocols' is 'grpcs', 'https', 'tls' or 'tls_passthrough'"))
      .withSubschemas("protocols", null, RouteSubschemas::forProtocol);

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
        row.bool("strip_path", true), row.bool("preserve_host", false), regexPriority(row),
        row.string("path_handling", "v0"), row.integer("https_redirect_status_code", 426),
        row.foreignId("service"), row);
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object v) {
    return v == null ? List.of() : List.copyOf((Collection<String>) v);
  }

  private static List<String> orEmpty(List<String> list) {
    return list == null ? List.of() : list;
  }

  /** Kong's regex_priority is any integer, not just a 32-bit one. */
  private static long regexPriority(Row row) {
    Long v = row.longOrNull("regex_priority");
    return v == null ? 0 : v;
  }

  /** A {@code ~*} header value is a case-insensitive regex, which must compile (the router compiles it so). */
  static String checkHeaderValue(Object value) {
    String v = (String) value;
    if (!v.startsWith("~*")) {
      return null;
    }
    return dev.llmgateway.internal.route.KongRegex.checkHeader(v.substring(2));
  }

  /**
   * Kong's {@code validate_path_with_regexes}: bad percent-encoding, then for a prefix path its normalized form,
   * for a {@code ~} path a regex that compiles. (Characters outside RFC 3986 are not refused here, as in Kong.)
   */
  static String checkPath(Object value) {
    String path = (String) value;
    if (Typedefs.isRfc3986Path(path) && Typedefs.percentError(path) != null) {
      return Typedefs.percentError(path);
    }
    if (path.startsWith("~")) {
      return dev.llmgateway.internal.route.KongRegex.check(path.substring(1));
    }
    String normalized = dev.llmgateway.internal.route.PathNormalizer.canonicalRoutePath(path);
    if (!path.equals(normalized)) {
      return "non-normalized path, consider use '" + normalized + "' instead";
    }
    return null;
  }
}
