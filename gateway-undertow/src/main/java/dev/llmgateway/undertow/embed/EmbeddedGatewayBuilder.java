package dev.llmgateway.undertow.embed;

import dev.llmgateway.balancer.BackPressure;
import dev.llmgateway.net.TrustedProxies;
import dev.llmgateway.plugin.PluginType;
import io.micrometer.core.instrument.MeterRegistry;
import dev.llmgateway.store.ConfigStore;
import dev.llmgateway.store.MemoryConfigStore;
import dev.llmgateway.undertow.AccessLogOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import dev.llmgateway.undertow.HostResolver;
import javax.net.ssl.SSLContext;

/**
 * Configures an {@link EmbeddedGateway}. Defaults suit embedding: an in-memory store, plugin types found on the
 * class path plus those given here, no admin listener, no access log. Nothing listens until {@link #start()}.
 */
public final class EmbeddedGatewayBuilder {
  final List<InetSocketAddress> proxy = new ArrayList<>();
  final List<InetSocketAddress> tlsProxy = new ArrayList<>();
  SSLContext tlsContext;
  final List<InetSocketAddress> admin = new ArrayList<>();
  final List<InetSocketAddress> status = new ArrayList<>();
  MeterRegistry meterRegistry;
  Supplier<String> metricsText;
  ConfigStore store;
  Path dataDir;
  Path configFile;
  String initialConfig;
  final List<PluginType<?>> plugins = new ArrayList<>();
  boolean discoverPlugins = true;
  ClassLoader classLoader = EmbeddedGatewayBuilder.class.getClassLoader();
  AccessLogOptions accessLog = AccessLogOptions.off();
  String adminApiKey;
  int ioThreads;
  int workerThreads;
  HostResolver resolver;
  SSLContext upstreamTrust;
  Duration clientSendTimeout;
  Duration clientHeaderTimeout;
  Duration clientBodyTimeout;
  boolean underscoresInHeaders;
  int upstreamPoolSize = 512;
  Duration upstreamIdleTimeout = Duration.ofSeconds(4);
  Duration pluginAccessTimeout;
  int pluginAccessTimeoutStatus;
  BackPressure backPressure = BackPressure.DEFAULT;
  TrustedProxies trustedProxies = TrustedProxies.NONE;

  EmbeddedGatewayBuilder() {}

  /**
   * What an engine's "too busy" answer does: retried on another replica of the upstream or passed to the client,
   * which statuses mean busy, how long a {@code Retry-After} may bench a replica (see docs/balancing.md). Default
   * {@link BackPressure#DEFAULT}: retry 429 and 503 when the request can be sent again, bench at most 300 s.
   */
  public EmbeddedGatewayBuilder backPressure(BackPressure rules) {
    backPressure = Objects.requireNonNull(rules, "rules");
    return this;
  }

  /** A plain HTTP proxy listener; port 0 picks a free port ({@link EmbeddedGateway#proxyUri()} has it). */
  public EmbeddedGatewayBuilder proxyListener(String host, int port) {
    proxy.add(new InetSocketAddress(host, port));
    return this;
  }

  /** A TLS proxy listener with HTTP/2 (ALPN) and HTTP/1.1; all TLS listeners share one context. */
  public EmbeddedGatewayBuilder tlsProxyListener(String host, int port, SSLContext context) {
    if (tlsContext != null && tlsContext != context) {
      throw new IllegalArgumentException("all TLS proxy listeners share one SSLContext");
    }
    tlsContext = Objects.requireNonNull(context, "context");
    tlsProxy.add(new InetSocketAddress(host, port));
    return this;
  }

  /** Serves the Kong Admin API on its own listener (keep it on loopback: it has no authentication). */
  public EmbeddedGatewayBuilder adminListener(String host, int port) {
    admin.add(new InetSocketAddress(host, port));
    return this;
  }

  /**
   * Serves Kong's status API ({@code GET /status}, and {@code GET /metrics} when {@link #metricsText} is set) on
   * its own listener, for monitoring that must not reach the Admin API.
   */
  public EmbeddedGatewayBuilder statusListener(String host, int port) {
    status.add(new InetSocketAddress(host, port));
    return this;
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

  /** The access log; default off in an embedded gateway. */
  public EmbeddedGatewayBuilder accessLog(AccessLogOptions options) {
    accessLog = Objects.requireNonNull(options, "options");
    return this;
  }

  /**
   * Idle keep-alive connections kept per upstream address and IO thread (default 512; 0 turns reuse off), and how
   * long one may stay idle (default 4 s, below uvicorn's 5 s keep-alive, so vLLM and SGLang never close a
   * connection the gateway is about to reuse).
   */
  public EmbeddedGatewayBuilder upstreamKeepalive(int poolSize, Duration idleTimeout) {
    if (poolSize < 0) {
      throw new IllegalArgumentException("poolSize must not be negative");
    }
    upstreamPoolSize = poolSize;
    upstreamIdleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
    return this;
  }

  /**
   * How long the plugins' access phase of one request may take before it is answered (default 60 s; see
   * {@link dev.llmgateway.undertow.UndertowGatewayBuilder#pluginAccessTimeout}).
   */
  public EmbeddedGatewayBuilder pluginAccessTimeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("pluginAccessTimeout must be positive");
    }
    pluginAccessTimeout = timeout;
    return this;
  }

  /** The status of that answer: 500 (default), 502, 503 or 504, each with Kong's default message. */
  public EmbeddedGatewayBuilder pluginAccessTimeoutStatus(int status) {
    if (status != 500 && status != 502 && status != 503 && status != 504) {
      throw new IllegalArgumentException("pluginAccessTimeoutStatus must be 500, 502, 503 or 504, not " + status);
    }
    pluginAccessTimeoutStatus = status;
    return this;
  }

  /** IO threads; default one per core. */
  public EmbeddedGatewayBuilder ioThreads(int threads) {
    if (threads <= 0) {
      throw new IllegalArgumentException("ioThreads must be positive");
    }
    ioThreads = threads;
    return this;
  }

  /** Threads for blocking work (log phases, blocking plugins, name resolution); default eight per IO thread. */
  public EmbeddedGatewayBuilder workerThreads(int threads) {
    if (threads <= 0) {
      throw new IllegalArgumentException("workerThreads must be positive");
    }
    workerThreads = threads;
    return this;
  }

  /** How upstream host names become addresses; default the JDK's resolver, off the IO threads. */
  public EmbeddedGatewayBuilder resolver(HostResolver hostResolver) {
    resolver = Objects.requireNonNull(hostResolver, "hostResolver");
    return this;
  }

  /**
   * The trust (and client key) material for https upstreams, e.g. a private CA's; default the JDK's trust store.
   * {@link UpstreamTrust#fromPem} builds one from a PEM bundle.
   */
  public EmbeddedGatewayBuilder upstreamTrust(SSLContext context) {
    upstreamTrust = Objects.requireNonNull(context, "context");
    return this;
  }

  /** How long a client may accept no bytes before its connection is cut (nginx's send_timeout; default 60 s). */
  public EmbeddedGatewayBuilder clientSendTimeout(Duration timeout) {
    clientSendTimeout = Objects.requireNonNull(timeout, "timeout");
    return this;
  }

  /** How long a client may take to send a request head (nginx's client_header_timeout; default 60 s). */
  public EmbeddedGatewayBuilder clientHeaderTimeout(Duration timeout) {
    clientHeaderTimeout = Objects.requireNonNull(timeout, "timeout");
    return this;
  }

  /** How long a streamed request body may pause before a 408 (nginx's client_body_timeout; default 60 s). */
  public EmbeddedGatewayBuilder clientBodyTimeout(Duration timeout) {
    clientBodyTimeout = Objects.requireNonNull(timeout, "timeout");
    return this;
  }

  /**
   * Forwards request header fields whose names hold an underscore; off by default as in nginx, because a server
   * mapping names to {@code HTTP_X_FORWARDED_FOR} cannot tell {@code X_Forwarded_For} from the real one.
   */
  public EmbeddedGatewayBuilder underscoresInHeaders(boolean on) {
    underscoresInHeaders = on;
    return this;
  }

  /**
   * The load balancers and proxies allowed to name the client (Kong's {@code trusted_ips}, {@code real_ip_header},
   * {@code real_ip_recursive}), e.g. {@code TrustedProxies.parse("10.0.0.0/8", "X-Forwarded-For", true)}; default
   * nobody, so the TCP peer is the client (see docs/proxy-settings.md).
   */
  public EmbeddedGatewayBuilder trustedProxies(TrustedProxies proxies) {
    trustedProxies = Objects.requireNonNull(proxies, "proxies");
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
    if (adminApiKey != null && admin.isEmpty()) {
      throw new IllegalStateException("adminApiOnProxy needs an admin listener");
    }
    return EmbeddedGateway.start(this);
  }

  ConfigStore openStore() throws IOException {
    if (dataDir != null) {
      java.nio.file.Files.createDirectories(dataDir);
      return dev.llmgateway.store.FileConfigStore.open(dataDir);
    }
    return store != null ? store : new MemoryConfigStore();
  }
}
