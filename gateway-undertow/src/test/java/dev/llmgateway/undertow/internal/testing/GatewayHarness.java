package dev.llmgateway.undertow.internal.testing;

import dev.llmgateway.internal.config.ConfigSnapshot;
import dev.llmgateway.internal.config.LiveConfig;
import dev.llmgateway.undertow.embed.AccessLogOptions;
import dev.llmgateway.undertow.internal.UndertowGateway;
import dev.llmgateway.undertow.internal.UndertowGatewayBuilder;
import java.net.URI;
import java.util.function.Consumer;

/**
 * A real {@link UndertowGateway} for tests: one proxy listener on 127.0.0.1 and an ephemeral port, two IO
 * threads, access log off unless the test configures it; closes everything it started.
 */
public final class GatewayHarness implements AutoCloseable {
  private final LiveConfig config;
  private final UndertowGateway gateway;

  private GatewayHarness(LiveConfig config, UndertowGateway gateway) {
    this.config = config;
    this.gateway = gateway;
  }

  public static GatewayHarness start(ConfigSnapshot snapshot) {
    return start(snapshot, b -> {});
  }

  /** Starts a gateway on {@code snapshot}; {@code customize} may change any builder setting. */
  public static GatewayHarness start(ConfigSnapshot snapshot, Consumer<UndertowGatewayBuilder> customize) {
    LiveConfig config = new LiveConfig(snapshot);
    UndertowGatewayBuilder builder = UndertowGateway.builder(config)
        .proxyListener("127.0.0.1", 0)
        .ioThreads(2)
        .accessLog(AccessLogOptions.off());
    customize.accept(builder);
    return new GatewayHarness(config, builder.build().start());
  }

  public UndertowGateway gateway() {
    return gateway;
  }

  public LiveConfig config() {
    return config;
  }

  /** The first proxy listener's port. */
  public int port() {
    return gateway.proxyAddresses().get(0).getPort();
  }

  /** {@code http://127.0.0.1:<port><pathAndQuery>}. */
  public URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
  }

  /** Makes {@code snapshot} current, as an Admin API write would. */
  public void swap(ConfigSnapshot snapshot) {
    config.swap(snapshot);
  }

  @Override
  public void close() {
    gateway.stop();
  }
}
