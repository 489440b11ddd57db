package dev.llmgateway.testkit;

import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.undertow.embed.EmbeddedGateway;
import dev.llmgateway.undertow.embed.EmbeddedGatewayBuilder;
import dev.llmgateway.undertow.embed.Entities;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that gives each test a real gateway (plain HTTP on an ephemeral loopback port, the given
 * plugin types registered beside the bundled ones) and a {@link RecordingUpstream}, and stops both after it:
 * <pre>{@code
 * @RegisterExtension
 * final GatewayExtension gw = GatewayExtension.withPlugins(new MyPluginType());
 *
 * @Test
 * void addsTheHeader() throws Exception {
 *   gw.route("/v1", "my-plugin", Map.of("value", "x"));
 *   assertThat(gw.get("/v1/models").statusCode()).isEqualTo(200);
 *   assertThat(gw.upstream().last().header("X-Mine")).isEqualTo("x");
 * }
 * }</pre>
 * Register it on an instance field, not a static one: every test starts from an empty configuration.
 */
public final class GatewayExtension implements BeforeEachCallback, AfterEachCallback {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final List<PluginType<?>> types;
  private Consumer<EmbeddedGatewayBuilder> customizer = b -> {};
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private EmbeddedGateway gateway;
  private RecordingUpstream upstream;

  private GatewayExtension(List<PluginType<?>> types) {
    this.types = types;
  }

  /** An extension whose gateways also run these plugin types. */
  public static GatewayExtension withPlugins(PluginType<?>... types) {
    return new GatewayExtension(List.of(types));
  }

  /** Further gateway options (timeouts, access log, ...), applied before each start. */
  public GatewayExtension configure(Consumer<EmbeddedGatewayBuilder> options) {
    customizer = Objects.requireNonNull(options, "options");
    return this;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    upstream = RecordingUpstream.start();
    EmbeddedGatewayBuilder b = EmbeddedGateway.builder().proxyListener("127.0.0.1", 0).ioThreads(1)
        .workerThreads(4).plugin(types.toArray(PluginType<?>[]::new));
    customizer.accept(b);
    try {
      gateway = b.start();
    } catch (IOException | RuntimeException e) {
      upstream.close();
      throw e;
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    try {
      if (gateway != null) {
        gateway.close();
      }
    } finally {
      gateway = null;
      upstream.close();
    }
  }

  /** This test's gateway. */
  public EmbeddedGateway gateway() {
    return running();
  }

  /** This test's gateway's entities: services, routes, consumers, credentials, plugins. */
  public Entities entities() {
    return running().entities();
  }

  /** This test's upstream, which every {@link #route} points at. */
  public RecordingUpstream upstream() {
    running();
    return upstream;
  }

  /**
   * A route on a path prefix (stripped, as in the usage guide) to the recording upstream, with one plugin on it
   * ({@code pluginName} null for none), added as one change. Returns the route's name.
   */
  public String route(String pathPrefix, String pluginName, java.util.Map<String, Object> pluginConfig) {
    String name = "route" + pathPrefix.replaceAll("[^A-Za-z0-9]+", "-");
    entities().apply(tx -> {
      if (tx.get("services", "upstream") == null) {
        tx.addService("upstream", upstream.url());
      }
      tx.addRoute("upstream", name, pathPrefix);
      if (pluginName != null) {
        tx.addPlugin(pluginName, dev.llmgateway.undertow.embed.PluginScope.route(name), pluginConfig);
      }
      return null;
    });
    return name;
  }

  /** A route on a path prefix to the recording upstream, with no plugin. */
  public String route(String pathPrefix) {
    return route(pathPrefix, null, java.util.Map.of());
  }

  /** {@code GET path} with header name/value pairs. */
  public HttpResponse<String> get(String path, String... headerPairs) throws IOException, InterruptedException {
    return send(request(path, headerPairs).GET());
  }

  /** {@code POST path} with a UTF-8 body and header name/value pairs. */
  public HttpResponse<String> post(String path, String body, String... headerPairs)
      throws IOException, InterruptedException {
    return send(request(path, headerPairs).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** A request builder aimed at this gateway's proxy listener, with a 10 s timeout. */
  public HttpRequest.Builder request(String path, String... headerPairs) {
    if (headerPairs.length % 2 != 0) {
      throw new IllegalArgumentException("header names and values come in pairs");
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT);
    for (int i = 0; i < headerPairs.length; i += 2) {
      b.header(headerPairs[i], headerPairs[i + 1]);
    }
    return b;
  }

  /** Sends a request and reads the whole answer as text. */
  public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** {@code path} (with its query) on this gateway's proxy listener. */
  public URI uri(String path) {
    return running().proxyUri().resolve(path);
  }

  private EmbeddedGateway running() {
    if (gateway == null) {
      throw new IllegalStateException("the gateway runs only during a test: register the extension on an"
          + " instance field with @RegisterExtension");
    }
    return gateway;
  }
}
