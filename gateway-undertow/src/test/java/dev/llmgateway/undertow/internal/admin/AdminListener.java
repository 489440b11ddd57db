package dev.llmgateway.undertow.internal.admin;

import dev.llmgateway.internal.admin.AdminApi;
import dev.llmgateway.internal.admin.NodeInfo;
import dev.llmgateway.internal.admin.TestPlugins;
import dev.llmgateway.internal.pipeline.PluginStates;
import dev.llmgateway.store.ConfigStore;
import dev.llmgateway.internal.store.ConfigWriter;
import dev.llmgateway.internal.store.MemoryConfigStore;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * A real Admin API listener for tests: an Undertow server on 127.0.0.1 and an ephemeral port serving
 * {@link AdminHandler}, over a {@link ConfigWriter} with the test plugin types, plus a JDK HTTP client.
 */
final class AdminListener implements AutoCloseable {
  final ConfigWriter writer;
  final AdminApi api;
  final Undertow server;
  final String base;
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private AdminListener(ConfigStore store, Consumer<AdminApi.Builder> options) throws IOException {
    this(store, options, Duration.ofSeconds(60));
  }

  private AdminListener(ConfigStore store, Consumer<AdminApi.Builder> options, Duration bodyTimeout)
      throws IOException {
    this.writer = ConfigWriter.start(store, TestPlugins.registry(), new PluginStates());
    AdminApi.Builder builder = AdminApi.builder(writer)
        .node(new NodeInfo("7d1b6a1e-0000-4000-8000-000000000001", "test-host", List.of("127.0.0.1:8000"),
            List.of("127.0.0.1:8001")));
    options.accept(builder);
    Undertow[] holder = new Undertow[1];
    builder.serverFigures(new ListenerFigures(() -> holder[0] == null ? List.of()
        : holder[0].getListenerInfo().stream().map(Undertow.ListenerInfo::getConnectorStatistics).toList(), () -> 0L));
    this.api = builder.build();
    this.server = Undertow.builder()
        .addHttpListener(0, "127.0.0.1")
        .setIoThreads(2)
        .setWorkerThreads(8)
        .setServerOption(UndertowOptions.ENABLE_STATISTICS, true)
        .setHandler(new AdminHandler(api, bodyTimeout))
        .build();
    holder[0] = server;
    server.start();
    InetSocketAddress address = (InetSocketAddress) server.getListenerInfo().get(0).getAddress();
    this.base = "http://127.0.0.1:" + address.getPort();
  }

  /** A listener whose clients get 408 after sending no body byte for {@code bodyTimeout}. */
  static AdminListener withBodyTimeout(Duration bodyTimeout) throws IOException {
    return new AdminListener(new MemoryConfigStore(), b -> {}, bodyTimeout);
  }

  static AdminListener start() throws IOException {
    return new AdminListener(new MemoryConfigStore(), b -> {});
  }

  static AdminListener start(ConfigStore store) throws IOException {
    return new AdminListener(store, b -> {});
  }

  static AdminListener start(ConfigStore store, Consumer<AdminApi.Builder> options) throws IOException {
    return new AdminListener(store, options);
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return client.send(request.timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create(base + pathAndQuery));
  }

  HttpResponse<String> get(String path) {
    return send(request(path).GET());
  }

  HttpResponse<String> delete(String path) {
    return send(request(path).DELETE());
  }

  /** A request with a body of the given content type (null: no Content-Type header). */
  HttpResponse<String> send(String method, String path, String contentType, String body) {
    HttpRequest.Builder b = request(path).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return send(b);
  }

  /** Like {@code curl -X method --data body}: form-encoded. */
  HttpResponse<String> form(String method, String path, String body) {
    return send(method, path, "application/x-www-form-urlencoded", body);
  }

  HttpResponse<String> json(String method, String path, String body) {
    return send(method, path, "application/json", body);
  }

  @Override
  public void close() throws IOException {
    server.stop();
    writer.close();
  }
}
