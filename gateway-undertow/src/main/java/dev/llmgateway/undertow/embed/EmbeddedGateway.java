package dev.llmgateway.undertow.embed;

import dev.llmgateway.internal.admin.AdminApi;
import dev.llmgateway.internal.admin.NodeInfo;
import dev.llmgateway.config.Configuration;
import dev.llmgateway.internal.declarative.StartupConfiguration;
import dev.llmgateway.internal.pipeline.PluginRegistry;
import dev.llmgateway.internal.pipeline.PluginStates;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.store.ConfigStore;
import dev.llmgateway.internal.store.ConfigWriter;
import dev.llmgateway.undertow.internal.UndertowGateway;
import dev.llmgateway.undertow.internal.UndertowGatewayBuilder;
import dev.llmgateway.undertow.internal.admin.AdminHandler;
import dev.llmgateway.undertow.internal.admin.ListenerFigures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An LLM gateway running inside this JVM: the streaming proxy, optionally the Admin API, and the configuration
 * they serve, which code changes at run time through {@link #entities()}. Start one with {@link #builder()}; stop
 * it with {@link #close()}, or {@link #drain} first to let requests in flight finish.
 *
 * <pre>{@code
 * try (EmbeddedGateway gateway = EmbeddedGateway.builder().proxyListener("127.0.0.1", 0).start()) {
 *   gateway.entities().addService("vllm-service", "http://localhost:8080");
 *   gateway.entities().addRoute("vllm-service", "vllm-route", "/v1/vllm");
 *   // POST gateway.proxyUri().resolve("/v1/vllm/v1/chat/completions") ...
 * }
 * }</pre>
 */
public final class EmbeddedGateway implements AutoCloseable {
  private final UndertowGateway server;
  private final ConfigWriter writer;
  private final Entities entities;
  private final StartupConfiguration.Source source;

  private EmbeddedGateway(UndertowGateway server, ConfigWriter writer, StartupConfiguration.Source source) {
    this.server = server;
    this.writer = writer;
    this.entities = new Entities(writer);
    this.source = source;
  }

  /** A builder with the embedding defaults (in-memory store, no admin listener, no access log). */
  public static EmbeddedGatewayBuilder builder() {
    return new EmbeddedGatewayBuilder();
  }

  static EmbeddedGateway start(EmbeddedGatewayBuilder b) throws IOException {
    PluginRegistry registry = b.discoverPlugins ? PluginRegistry.load(b.classLoader, b.plugins)
        : PluginRegistry.of(b.plugins.toArray(PluginType<?>[]::new));
    PluginStates state = b.meterRegistry == null ? new PluginStates() : new PluginStates(b.meterRegistry);
    ConfigStore store = b.openStore();
    StartupConfiguration.Started started;
    try {
      started = StartupConfiguration.open(store, registry, state, b.configFile,
          b.initialConfig == null ? null : () -> b.initialConfig);
    } catch (IOException | RuntimeException e) {
      closeQuietly(store, e);
      throw e;
    }
    ConfigWriter writer = started.writer();
    try {
      return serve(b, writer, state, started.source());
    } catch (IOException | RuntimeException e) {
      writer.close();
      throw e;
    }
  }

  private static EmbeddedGateway serve(EmbeddedGatewayBuilder b, ConfigWriter writer, PluginStates state,
      StartupConfiguration.Source source) throws IOException {
    AdminApiOnProxy adminOnProxy = b.adminApiKey == null ? null : new AdminApiOnProxy(writer, b.adminApiKey);
    InetSocketAddress firstAdmin = b.admin().isEmpty() ? null : b.admin().get(0);
    if (adminOnProxy != null && firstAdmin.getPort() != 0) {
      adminOnProxy.reassert(firstAdmin.getHostString(), firstAdmin.getPort());
    }
    AtomicReference<UndertowGateway> self = new AtomicReference<>();
    AdminSlot slot = new AdminSlot(() -> self.get() != null && self.get().isDraining());
    List<InetSocketAddress> admin = b.admin();
    List<InetSocketAddress> status = b.status();
    UndertowGatewayBuilder gb = UndertowGateway.builder(writer.live(), b).runtimeState(state)
        .statistics(!admin.isEmpty() || !status.isEmpty() || b.meterRegistry != null);
    if (!admin.isEmpty()) {
      gb.adminHandler(slot);
    }
    AdminSlot statusSlot = new AdminSlot(() -> self.get() != null && self.get().isDraining());
    if (!status.isEmpty()) {
      gb.statusHandler(statusSlot);
    }
    if (b.meterRegistry != null) {
      gb.meterRegistry(b.meterRegistry);
    }
    UndertowGateway server = gb.build();
    self.set(server);
    try {
      server.start();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    try {
      if (adminOnProxy != null && firstAdmin.getPort() == 0) {
        InetSocketAddress bound = server.adminAddresses().get(0);
        adminOnProxy.reassert(bound.getHostString(), bound.getPort());
      }
      NodeInfo node = NodeInfo.local(hostPorts(server.proxyAddresses(), server.tlsProxyAddresses()),
          hostPorts(server.adminAddresses(), List.of()));
      ListenerFigures figures = new ListenerFigures(server::proxyStatistics, server::proxyConnectionsAccepted);
      if (b.meterRegistry != null) {
        NodeGauges.register(b.meterRegistry, node.nodeId(), figures);
      }
      if (!status.isEmpty()) {
        AdminApi.Builder api = AdminApi.builder(writer).node(node).serverFigures(figures).statusOnly();
        if (b.metricsText != null) {
          api.metrics(b.metricsText);
        }
        statusSlot.open(new AdminHandler(api.build()));
      }
      if (!admin.isEmpty()) {
        AdminApi.Builder api = AdminApi.builder(writer).node(node).balancer(server.balancer())
            .serverFigures(figures);
        if (b.metricsText != null) {
          api.metrics(b.metricsText);
        }
        if (adminOnProxy != null) {
          InetSocketAddress bound = server.adminAddresses().get(0);
          api.onConfigLoad(adminOnProxy.onConfigLoad(bound.getHostString(), bound.getPort()));
        }
        slot.open(new AdminHandler(api.build()));
      }
    } catch (IOException | RuntimeException e) {
      server.stop();
      throw e;
    }
    return new EmbeddedGateway(server, writer, source);
  }

  /** The start-up already closed the store when the writer had opened it; a second close must not hide why. */
  private static void closeQuietly(ConfigStore store, Exception cause) {
    try {
      store.close();
    } catch (Exception alreadyClosed) {
      cause.addSuppressed(alreadyClosed);
    }
  }

  private static List<String> hostPorts(List<InetSocketAddress> plain, List<InetSocketAddress> tls) {
    List<String> out = new java.util.ArrayList<>();
    plain.forEach(a -> out.add(hostPort(a)));
    tls.forEach(a -> out.add(hostPort(a) + " ssl"));
    return out;
  }

  static String hostPort(InetSocketAddress a) {
    String host = a.getHostString();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
  }

  /** Run-time changes to services, routes, consumers, credentials and plugins. */
  public Entities entities() {
    return entities;
  }

  /** The configuration requests are served with right now (immutable). */
  public Configuration configuration() {
    return writer.live().current().configuration();
  }

  /** The names of the plugin types this gateway runs (bundled, discovered and registered in code), sorted. */
  public SortedSet<String> pluginNames() {
    return new TreeSet<>(writer.registry().names());
  }

  /** Where the configuration came from at start. */
  public ConfigOrigin configOrigin() {
    return switch (source) {
      case CONFIG_FILE -> ConfigOrigin.CONFIG_FILE;
      case STORED -> ConfigOrigin.STORED;
      case DEFAULT_STACK -> ConfigOrigin.INITIAL_CONFIG;
      case EMPTY -> ConfigOrigin.EMPTY;
    };
  }

  /** Where an embedded gateway's configuration came from when it started. */
  public enum ConfigOrigin {
    /** The declarative file given to {@link EmbeddedGatewayBuilder#configFile}, which replaced what was stored. */
    CONFIG_FILE,
    /** The store, as an earlier run left it. */
    STORED,
    /** The store was empty and {@link EmbeddedGatewayBuilder#initialConfig} seeded it. */
    INITIAL_CONFIG,
    /** The store was empty and nothing seeded it. */
    EMPTY
  }

  /** The bound plain proxy addresses (port 0 resolved). */
  public List<InetSocketAddress> proxyAddresses() {
    return server.proxyAddresses();
  }

  /** The bound TLS proxy addresses. */
  public List<InetSocketAddress> tlsProxyAddresses() {
    return server.tlsProxyAddresses();
  }

  /** The bound status listener addresses (empty without a status listener). */
  public List<InetSocketAddress> statusAddresses() {
    return server.statusAddresses();
  }

  /** The bound admin addresses (empty without an admin listener). */
  public List<InetSocketAddress> adminAddresses() {
    return server.adminAddresses();
  }

  /** {@code http://host:port/} of the first plain proxy listener, a wildcard host replaced by loopback. */
  public URI proxyUri() {
    return uri("http", server.proxyAddresses());
  }

  /** {@code http://host:port/} of the admin listener, if there is one. */
  public Optional<URI> adminUri() {
    return server.adminAddresses().isEmpty() ? Optional.empty() : Optional.of(uri("http", server.adminAddresses()));
  }

  private static URI uri(String scheme, List<InetSocketAddress> addresses) {
    if (addresses.isEmpty()) {
      throw new IllegalStateException("no such listener");
    }
    InetSocketAddress a = addresses.get(0);
    String host = a.getAddress() != null && a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getHostString();
    return URI.create(scheme + "://" + hostPort(new InetSocketAddress(host, a.getPort())) + "/");
  }

  /**
   * Stops taking new requests and waits up to {@code timeout} for those in flight (streams included); the admin
   * listener keeps answering, with {@code GET /status} at 503. True when nothing was left running.
   */
  public boolean drain(Duration timeout) throws InterruptedException {
    beginDrain();
    return awaitDrained(timeout);
  }

  /** The first half of {@link #drain}: the proxy stops accepting and {@code GET /status} answers 503 from now on. */
  public void beginDrain() {
    server.beginDrain();
  }

  /** The second half of {@link #drain}: waits up to {@code timeout} until no request is in flight. */
  public boolean awaitDrained(Duration timeout) throws InterruptedException {
    return server.awaitDrained(timeout);
  }

  /** True once {@link #drain} began. */
  public boolean isDraining() {
    return server.isDraining();
  }

  /** Proxied requests in flight right now. */
  public long inFlight() {
    return server.inFlight();
  }

  /** Stops at once: listeners, connections (idle keep-alive ones too), then the configuration store. */
  @Override
  public void close() {
    server.stop();
    try {
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException("closing the configuration store failed", e);
    }
  }
}
