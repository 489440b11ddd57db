package dev.llmgateway.internal.admin;

import dev.llmgateway.config.Configuration;
import dev.llmgateway.internal.declarative.DeclarativeConfig;
import dev.llmgateway.schema.SchemaViolation;
import dev.llmgateway.internal.store.ApiError;
import dev.llmgateway.internal.store.ConfigWriter;
import dev.llmgateway.internal.store.EntityWrites;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * Kong's Admin API as pure logic: an {@link AdminRequest} in, an {@link AdminResponse} out, with no server
 * involved. Reads answer at once from the live snapshot; writes complete once the {@link ConfigWriter} has made
 * them durable and live. Thread-safe; call it from any thread but an IO thread (reads serialize JSON).
 */
public final class AdminApi {
  /** Kong's default limit for admin request bodies ({@code nginx_admin_client_max_body_size = 10m}). */
  public static final long DEFAULT_MAX_BODY_BYTES = 10L << 20;

  private static final System.Logger LOG = System.getLogger(AdminApi.class.getName());

  private final AdminContext ctx;
  private final long maxBodyBytes;
  private final EntityEndpoints entities;
  private final NestedEndpoints nested;
  private final NodeEndpoints nodes;
  private final SchemaEndpoints schemas;
  private final ConfigEndpoints config;
  private final TagEndpoints tags;
  private final HealthEndpoints health;
  private final boolean statusOnly;

  private AdminApi(Builder b) {
    this.ctx = new AdminContext(b.writer, new EntityWrites(b.clock),
        new DeclarativeConfig(b.writer.registry().entityTypes(), b.clock), b.node, b.figures, b.onConfigLoad,
        b.balancer, b.metrics);
    this.statusOnly = b.statusOnly;
    this.maxBodyBytes = b.maxBodyBytes;
    this.entities = new EntityEndpoints(ctx);
    this.nested = new NestedEndpoints(ctx);
    this.nodes = new NodeEndpoints(ctx);
    this.schemas = new SchemaEndpoints(ctx);
    this.config = new ConfigEndpoints(ctx);
    this.tags = new TagEndpoints(ctx);
    this.health = new HealthEndpoints(ctx);
  }

  /** Starts building an Admin API over {@code writer}. */
  public static Builder builder(ConfigWriter writer) {
    return new Builder(writer);
  }

  /** The largest request body the adapter should accept; larger ones get {@link #payloadTooLarge()}. */
  public long maxBodyBytes() {
    return maxBodyBytes;
  }

  public ConfigWriter writer() {
    return ctx.writer;
  }

  /** Kong's 413 answer for a body over the limit. */
  public static AdminResponse payloadTooLarge() {
    return AdminResponse.json(413, Map.of("message", "Payload too large"));
  }

  /** Answers one request; the future never completes exceptionally. */
  public CompletableFuture<AdminResponse> handle(AdminRequest request) {
    try {
      return dispatch(request).handle((response, error) -> error == null ? response : failure(error));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(failure(e));
    }
  }

  private CompletableFuture<AdminResponse> dispatch(AdminRequest request) {
    List<String> segments = PathSegments.of(request.rawPath());
    AdminRoute route = segments == null ? null : ctx.routes().resolve(segments);
    if (route == null || statusOnly && route.kind() != AdminRoute.Kind.STATUS
        && route.kind() != AdminRoute.Kind.METRICS) {
      throw ApiError.notFound();
    }
    String method = request.method();
    if (method.equals("OPTIONS")) {
      String allow = route.kind().allow();
      return done(AdminResponse.empty(204, List.of(Map.entry("Allow", allow),
          Map.entry("Access-Control-Allow-Methods", allow), Map.entry("Access-Control-Allow-Headers", "Content-Type"))));
    }
    String effective = method.equals("HEAD") ? "GET" : method;
    if (!route.kind().methods.contains(effective)) {
      throw ApiError.message(405, "Method not allowed");
    }
    Map<String, String> query = query(request.rawQuery());
    boolean write = !effective.equals("GET") && !effective.equals("DELETE");
    BodyArgs args = write ? BodyArgs.read(request, route.kind() == AdminRoute.Kind.CONFIG) : BodyArgs.EMPTY;
    return route(route, effective, args, query);
  }

  private CompletableFuture<AdminResponse> route(AdminRoute route, String method, BodyArgs args,
      Map<String, String> query) {
    boolean get = method.equals("GET");
    return switch (route.kind()) {
      case ROOT -> done(nodes.root());
      case STATUS -> done(nodes.status());
      case METRICS -> done(AdminResponse.text(200, "text/plain; charset=UTF-8", ctx.metrics.get()));
      case ENDPOINTS -> done(nodes.endpoints());
      case CONFIG -> get ? done(config.export()) : config.load(args, query);
      case PLUGINS_ENABLED -> done(schemas.enabledPlugins());
      case TAGS -> done(tags.list(query));
      case TAG -> done(tags.byTag(route.name(), query));
      case SCHEMA -> done(schemas.entitySchema(route.name()));
      case PLUGIN_SCHEMA -> done(schemas.pluginSchema(route.name()));
      case SCHEMA_VALIDATE, PLUGIN_SCHEMA_VALIDATE -> done(schemas.validate(route.name(), args));
      case COLLECTION -> get ? done(entities.list(route, query)) : entities.create(route, args);
      case ENTITY -> switch (method) {
        case "GET" -> done(entities.get(route));
        case "PUT" -> entities.put(route, args);
        case "PATCH" -> entities.patch(route, args);
        default -> entities.delete(route);
      };
      case NESTED_COLLECTION -> get ? done(nested.list(route, query)) : nested.create(route, args);
      case NESTED_ENTITY -> switch (method) {
        case "GET" -> done(nested.get(route));
        case "PUT" -> nested.put(route, args);
        case "PATCH" -> nested.patch(route, args);
        default -> nested.delete(route);
      };
      case TARGETS_ALL -> done(nested.list(route, query));
      case UPSTREAM_HEALTH -> done(health.health(route, query));
      case TARGET_HEALTH -> done(health.set(route));
      case PARENT_OF -> switch (method) {
        case "GET" -> done(nested.getParent(route));
        case "PUT" -> nested.putParent(route, args);
        case "PATCH" -> nested.patchParent(route, args);
        default -> done(nested.deleteParent(route));
      };
    };
  }

  /** Query arguments, first value per name. */
  private static Map<String, String> query(String rawQuery) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> pair : FormDecoder.pairs(rawQuery)) {
      out.putIfAbsent(pair.getKey(), String.valueOf(pair.getValue()));
    }
    return out;
  }

  private static CompletableFuture<AdminResponse> done(AdminResponse response) {
    return CompletableFuture.completedFuture(response);
  }

  private static AdminResponse failure(Throwable error) {
    Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (e instanceof ApiError api) {
      return AdminResponse.json(api.status(), api.body());
    }
    if (e instanceof SchemaViolation v) {
      ApiError api = ApiError.schemaViolation(v.errors());
      return AdminResponse.json(api.status(), api.body());
    }
    if (e instanceof BodyArgs.Unsupported) {
      return AdminResponse.empty(415);
    }
    LOG.log(System.Logger.Level.ERROR, "Admin API request failed unexpectedly", e);
    return AdminResponse.json(500, Map.of("message", "An unexpected error occurred"));
  }

  /** Configures an {@link AdminApi}. */
  public static final class Builder {
    private final ConfigWriter writer;
    private NodeInfo node = NodeInfo.local(List.of(), List.of());
    private ServerFigures figures = ServerFigures.none();
    private LongSupplier clock = System::currentTimeMillis;
    private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private UnaryOperator<Configuration> onConfigLoad = UnaryOperator.identity();
    private dev.llmgateway.internal.balancer.Balancer balancer;
    private java.util.function.Supplier<String> metrics;
    private boolean statusOnly;

    private Builder(ConfigWriter writer) {
      this.writer = Objects.requireNonNull(writer, "writer");
    }

    public Builder node(NodeInfo node) {
      this.node = Objects.requireNonNull(node, "node");
      return this;
    }

    public Builder serverFigures(ServerFigures figures) {
      this.figures = Objects.requireNonNull(figures, "figures");
      return this;
    }

    /** This node's balancer, whose health the {@code /upstreams/{u}/health} endpoints show and set. */
    public Builder balancer(dev.llmgateway.internal.balancer.Balancer balancer) {
      this.balancer = Objects.requireNonNull(balancer, "balancer");
      return this;
    }

    /** The clock for entity timestamps, in epoch milliseconds. */
    public Builder clock(LongSupplier clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Adjusts a {@code POST /config} configuration before it replaces the running one (the default stack uses it
     * to keep the Admin API reachable through the proxy); the hook must be pure and may throw SchemaViolation.
     */
    public Builder onConfigLoad(UnaryOperator<Configuration> hook) {
      this.onConfigLoad = Objects.requireNonNull(hook, "hook");
      return this;
    }

    /** Serves {@code GET /metrics} (Kong's prometheus endpoint) with this Prometheus text. */
    public Builder metrics(java.util.function.Supplier<String> text) {
      this.metrics = Objects.requireNonNull(text, "text");
      return this;
    }

    /**
     * Serves only {@code /status} and {@code /metrics}, everything else 404: Kong's status API, for a listener
     * that monitoring may reach but that must not expose the configuration.
     */
    public Builder statusOnly() {
      this.statusOnly = true;
      return this;
    }

    public Builder maxBodyBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxBodyBytes must be positive");
      }
      this.maxBodyBytes = bytes;
      return this;
    }

    public AdminApi build() {
      return new AdminApi(this);
    }
  }
}
