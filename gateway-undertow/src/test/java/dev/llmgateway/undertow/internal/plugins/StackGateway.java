package dev.llmgateway.undertow.internal.plugins;

import dev.llmgateway.internal.admin.AdminApi;
import dev.llmgateway.config.Configuration;
import dev.llmgateway.internal.defaults.AdminApiStack;
import dev.llmgateway.internal.defaults.DefaultStack;
import dev.llmgateway.internal.defaults.StackSettings;
import dev.llmgateway.internal.json.Json;
import dev.llmgateway.internal.pipeline.PluginRegistry;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.internal.pipeline.PluginStates;
import dev.llmgateway.internal.plugins.acl.AclType;
import dev.llmgateway.internal.plugins.keyauth.KeyAuthType;
import dev.llmgateway.internal.plugins.ratelimiting.RateLimitingType;
import dev.llmgateway.internal.store.ConfigWriter;
import dev.llmgateway.internal.store.MemoryConfigStore;
import dev.llmgateway.undertow.embed.AccessLogOptions;
import dev.llmgateway.undertow.internal.UndertowGateway;
import dev.llmgateway.undertow.internal.admin.AdminHandler;
import dev.llmgateway.undertow.internal.testing.StubHandlers;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real gateway running the built-in default stack, wired the way the launcher wires it: a store writer, the
 * Admin API on its own listener (127.0.0.1, ephemeral port) and, through the proxy, on {@code /admin-api}; vLLM
 * and SGLang are echo stubs on ephemeral ports. The plugin types run on the given clock.
 */
public final class StackGateway implements AutoCloseable {
  public static final String ADMIN_KEY = "e2e-admin-key-3f9c1d7a";

  public final StubUpstream vllm;
  public final StubUpstream sglang;
  public final ConfigWriter writer;
  public final UndertowGateway gateway;
  public final StackSettings settings;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private StackGateway(Clock clock, AccessLogOptions accessLog, List<PluginType<?>> extra) throws IOException {
    vllm = StubUpstream.start(StubHandlers.echo());
    sglang = StubUpstream.start(StubHandlers.echo());
    List<PluginType<?>> types = new ArrayList<>(List.of(new KeyAuthType(clock), new AclType(),
        new RateLimitingType(clock)));
    types.addAll(extra);
    PluginStates state = new PluginStates();
    writer = ConfigWriter.start(new MemoryConfigStore(), PluginRegistry.of(types.toArray(PluginType<?>[]::new)), state);
    AtomicReference<StackSettings> current = new AtomicReference<>();
    AdminApi api = AdminApi.builder(writer)
        .clock(clock::millis)
        .onConfigLoad(cfg -> AdminApiStack.afterConfigLoad(cfg, current.get(), clock.millis() / 1000))
        .build();
    gateway = UndertowGateway.builder(writer.live())
        .proxyListener("127.0.0.1", 0)
        .adminListener("127.0.0.1", 0)
        .adminHandler(new AdminHandler(api))
        .runtimeState(state)
        .ioThreads(2)
        .accessLog(accessLog)
        .build()
        .start();
    settings = new StackSettings(vllm.url(), sglang.url(), "127.0.0.1", adminPort(), ADMIN_KEY);
    current.set(settings);
    DefaultStack.install(writer, settings, !writer.storedBefore(), clock::millis);
  }

  public static StackGateway start(Clock clock) throws IOException {
    return new StackGateway(clock, AccessLogOptions.off(), List.of());
  }

  public static StackGateway start(Clock clock, AccessLogOptions accessLog, List<PluginType<?>> extra) throws IOException {
    return new StackGateway(clock, accessLog, extra);
  }

  public int proxyPort() {
    return gateway.proxyAddresses().get(0).getPort();
  }

  public int adminPort() {
    return gateway.adminAddresses().get(0).getPort();
  }

  public Configuration configuration() {
    return writer.live().current().configuration();
  }

  /** A request to the proxy listener; {@code headers} are name/value pairs. */
  public HttpResponse<String> proxy(String method, String pathAndQuery, String body, String... headers) {
    return send("http://127.0.0.1:" + proxyPort() + pathAndQuery, method, body, headers);
  }

  /** A request to the admin listener itself (the operator's side, on loopback). */
  public HttpResponse<String> admin(String method, String pathAndQuery, String body, String... headers) {
    return send("http://127.0.0.1:" + adminPort() + pathAndQuery, method, body, headers);
  }

  /** A form write to the admin listener, as {@code curl -d} sends it. */
  public HttpResponse<String> adminForm(String method, String path, String form) {
    HttpResponse<String> r = admin(method, path, form, "Content-Type", "application/x-www-form-urlencoded");
    if (r.statusCode() >= 300) {
      throw new AssertionError(method + " " + path + " -> " + r.statusCode() + " " + r.body());
    }
    return r;
  }

  private HttpResponse<String> send(String uri, String method, String body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try {
      return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpClient client() {
    return client;
  }

  /** A JSON response body as plain values. */
  public static Map<String, Object> json(HttpResponse<String> response) {
    return Json.parseObject(response.body());
  }

  /** The upstream headers an echo stub reported, lower-case names. */
  @SuppressWarnings("unchecked")
  public static Map<String, List<String>> upstreamHeaders(HttpResponse<String> echo) {
    return (Map<String, List<String>>) json(echo).get("headers");
  }

  @Override
  public void close() throws IOException {
    gateway.stop();
    writer.close();
    vllm.close();
    sglang.close();
  }
}
