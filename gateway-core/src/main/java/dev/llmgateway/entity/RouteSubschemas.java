package dev.llmgateway.entity;

import dev.llmgateway.schema.EntityCheck;
import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Subschema;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The route subschemas of {@code routes_subschemas.lua}, chosen by the first protocol: http routes need a matcher
 * and refuse sources/destinations; stream routes refuse http matchers; grpc routes refuse methods and default
 * {@code strip_path} to false. Loaded on first use, after {@link Route}'s fields exist.
 */
final class RouteSubschemas {
  private RouteSubschemas() {}

  private static final String STREAM = "'tcp', 'tls', 'tls_passthrough' or 'udp'";
  private static final String GRPC = "'grpc' or 'grpcs'";

  private static final Subschema HTTP = Subschema.of(
      Route.SOURCES.mustBeNull().err("cannot set 'sources' when 'protocols' is 'http' or 'https'"),
      Route.DESTINATIONS.mustBeNull().err("cannot set 'destinations' when 'protocols' is 'http' or 'https'"))
      .withChecks(EntityCheck.conditionalAtLeastOneOf("protocols", contains("https"),
          List.of("methods", "hosts", "headers", "paths", "snis"), "must set one of %s when 'protocols' is 'https'",
          contains("http"), List.of("methods", "hosts", "headers", "paths"),
          "must set one of %s when 'protocols' is 'http'"));

  private static final Subschema STREAM_ROUTES = Subschema.of(
      Route.METHODS.mustBeNull().err("cannot set 'methods' when 'protocols' is " + STREAM),
      Route.HOSTS.mustBeNull().err("cannot set 'hosts' when 'protocols' is " + STREAM),
      Route.PATHS.mustBeNull().err("cannot set 'paths' when 'protocols' is " + STREAM),
      Route.HEADERS.mustBeNull().err("cannot set 'headers' when 'protocols' is " + STREAM))
      .withChecks(
          EntityCheck.conditionalAtLeastOneOf("protocols", allIn(Set.of("tcp", "tls", "udp")),
              List.of("sources", "destinations", "snis"), "must set one of %s when 'protocols' is 'tcp', 'tls' or 'udp'",
              null, null, null),
          EntityCheck.conditionalAtLeastOneOf("protocols", allIn(Set.of("tls_passthrough")), List.of("snis"),
              "must set snis when 'protocols' is 'tls_passthrough'", null, null, null));

  private static final Subschema GRPC_ROUTES = Subschema.of(
      Field.bool("strip_path").required().defaultValue(false).mustNotEqual(true)
          .err("cannot set 'strip_path' when 'protocols' is " + GRPC),
      Route.METHODS.mustBeNull().err("cannot set 'methods' when 'protocols' is " + GRPC),
      Route.SOURCES.mustBeNull().err("cannot set 'sources' when 'protocols' is " + GRPC),
      Route.DESTINATIONS.mustBeNull().err("cannot set 'destinations' when 'protocols' is " + GRPC))
      .withChecks(EntityCheck.conditionalAtLeastOneOf("protocols", contains("grpcs"),
          List.of("hosts", "headers", "paths", "snis"), "must set one of %s when 'protocols' is 'grpcs'",
          contains("grpc"), List.of("hosts", "headers", "paths"), "must set one of %s when 'protocols' is 'grpc'"));

  static Subschema forProtocol(String protocol) {
    return switch (protocol) {
      case "http", "https" -> HTTP;
      case "tcp", "tls", "udp", "tls_passthrough" -> STREAM_ROUTES;
      case "grpc", "grpcs" -> GRPC_ROUTES;
      default -> null;
    };
  }

  private static java.util.function.Predicate<Object> contains(String protocol) {
    return p -> p instanceof Collection<?> c && c.contains(protocol);
  }

  private static java.util.function.Predicate<Object> allIn(Set<String> allowed) {
    return p -> p instanceof Collection<?> c && allowed.containsAll(c);
  }
}
