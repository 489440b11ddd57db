package dev.llmgateway.undertow.embed;

import dev.llmgateway.plugin.PluginType;
import io.micrometer.core.instrument.MeterRegistry;
import dev.llmgateway.store.ConfigStore;
import dev.llmgateway.internal.store.MemoryConfigStore;
import dev.llmgateway.undertow.embed.AccessLogOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import dev.llmgateway.undertow.embed.GatewayOptions;

/**
 * Configures an {@link EmbeddedGateway}: every server option of {@link GatewayOptions} (listeners, threads,
 * resolver, upstream keep-alive and CA trust, client timeouts, the access phase's limit, back-pressure, trusted
 * proxies, header rules, access log), plus the store, the plugins, the metrics registry and the Admin API. Defaults
 * suit embedding: an in-memory store, plugin types found on the class path plus those given here, no admin
 * listener, no access log. Nothing listens until {@link #start()}.
 */
public final class EmbeddedGatewayBuilder extends GatewayOptions<EmbeddedGatewayBuilder> {
  MeterRegistry meterRegistry;
  Supplier<String> metricsText;
  ConfigStore store;
  Path dataDir;
  Path configFile;
  String initialConfig;
  final List<PluginType<?>> plugins = new ArrayList<>();
  boolean discoverPlugins = true;
  ClassLoader classLoader = EmbeddedGatewayBuilder.class.getClassLoader();
  String adminApiKey;

  EmbeddedGatewayBuilder() {
    accessLog(AccessLogOptions.off());
  }

  @Override
  protected EmbeddedGatewayBuilder self() {
    return this;
  }

  /** The admin listener addresses, for {@link EmbeddedGateway}. */
  List<InetSocketAddress> admin() {
    return adminAddresses();
  }

  /** The status listener addresses, for {@link EmbeddedGateway}. */
  List<InetSocketAddress> status() {
    return statusAddresses();
  }

  /**
   * The application's Micrometer registry: the prometheus plugin and the gateway record into it (any backend
   * Micrometer supports). Without one, metrics are recorded nowhere.
   */
  public EmbeddedGatewayBuilder meterRegistry(MeterRegistry registry) {
    meterRegistry = Objects.requireNonNull(registry, "registry");
    return this;
  }

  /**
   * What {@code GET /metrics} answers on the admin and status listeners, for example a Prometheus registry's
   * {@code scrape} method; without it those listeners serve no {@code /metrics}.
   */
  public EmbeddedGatewayBuilder metricsText(Supplier<String> text) {
    metricsText = Objects.requireNonNull(text, "text");
    return this;
  }

  /** Where configuration is kept; the default is in memory, lost when the JVM exits. */
  public EmbeddedGatewayBuilder store(ConfigStore configStore) {
    store = Objects.requireNonNull(configStore, "configStore");
    dataDir = null;
    return this;
  }

  /** Keeps configuration durably in {@code dir} (created if missing), as the launcher does. */
  public EmbeddedGatewayBuilder dataDir(Path dir) {
    dataDir = Objects.requireNonNull(dir, "dir");
    store = null;
    return this;
  }

  /** A declarative config file (Kong's format) that replaces the stored configuration at start. */
  public EmbeddedGatewayBuilder configFile(Path file) {
    configFile = file;
    return this;
  }

  /** Declarative config (YAML or JSON text) to start with when the store holds nothing yet. */
  public EmbeddedGatewayBuilder initialConfig(String declarative) {
    initialConfig = declarative;
    return this;
  }

  /** Plugin types to register in code, in addition to (or, see {@link #discoverPlugins}, instead of) discovery. */
  public EmbeddedGatewayBuilder plugin(PluginType<?>... types) {
    plugins.addAll(List.of(types));
    return this;
  }

  /** Whether to find plugin types with {@link java.util.ServiceLoader}; default true. */
  public EmbeddedGatewayBuilder discoverPlugins(boolean discover) {
    discoverPlugins = discover;
    return this;
  }

  /** The class loader plugin types are discovered in; default the one that loaded the gateway. */
  public EmbeddedGatewayBuilder classLoader(ClassLoader loader) {
    classLoader = Objects.requireNonNull(loader, "loader");
    return this;
  }

  /**
   * Also serves the Admin API on the proxy at {@code /admin-api}, behind key-auth and acl, for the consumer
   * {@code admin} with this key (the usage guide's stack); re-asserted at every start. Needs an admin listener.
   */
  public EmbeddedGatewayBuilder adminApiOnProxy(String adminKey) {
    adminApiKey = Objects.requireNonNull(adminKey, "adminKey");
    return this;
  }

  /** Opens the store, loads the configuration, binds every listener; throws when any of it fails. */
  public EmbeddedGateway start() throws IOException {
    if (adminApiKey != null && admin().isEmpty()) {
      throw new IllegalStateException("adminApiOnProxy needs an admin listener");
    }
    return EmbeddedGateway.start(this);
  }

  ConfigStore openStore() throws IOException {
    if (dataDir != null) {
      java.nio.file.Files.createDirectories(dataDir);
      return dev.llmgateway.internal.store.FileConfigStore.open(dataDir);
    }
    return store != null ? store : new MemoryConfigStore();
  }
}
