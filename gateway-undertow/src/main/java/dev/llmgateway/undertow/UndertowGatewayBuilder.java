package dev.llmgateway.undertow;

import dev.llmgateway.balancer.BackPressure;
import dev.llmgateway.config.LiveConfig;
import dev.llmgateway.net.TrustedProxies;
import dev.llmgateway.pipeline.PluginStates;
import dev.llmgateway.plugin.RuntimeState;
import io.micrometer.core.instrument.MeterRegistry;
import io.undertow.server.HttpHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Configures an {@link UndertowGateway}. Everything but the config has a default: IO threads = cores, a worker
 * pool of 8 per IO thread, the JDK resolver on that pool, access log on stdout, 512 idle upstream connections per
 * address and IO thread kept for 4 s, a 60 s client send timeout, a 60 s limit on the plugins' access phase
 * answered with 500, the JDK trust store for https upstreams, engine back-pressure retried
 * ({@link BackPressure#DEFAULT}).
 */
public final class UndertowGatewayBuilder {
  private final LiveConfig config;
  private RuntimeState runtimeState = new PluginStates();
  private final List<InetSocketAddress> proxy = new ArrayList<>();
  private final List<InetSocketAddress> tls = new ArrayList<>();
  private SSLContext tlsContext;
  private final List<InetSocketAddress> admin = new ArrayList<>();
  private HttpHandler adminHandler;
  private final List<InetSocketAddress> status = new ArrayList<>();
  private HttpHandler statusHandler;
  private MeterRegistry meterRegistry;
  private boolean runtimeStateSet;
  private int ioThreads = Runtime.getRuntime().availableProcessors();
  private int workerThreads = -1;
  private HostResolver resolver;
  private dev.llmgateway.balancer.Balancer balancer;
  private BackPressure backPressure = BackPressure.DEFAULT;
  private AccessLogOptions accessLog = AccessLogOptions.stdout();
  private int upstreamMaxIdle = 512;
  private Duration upstreamIdleTtl = Duration.ofSeconds(4);
  private Duration clientSendTimeout = Duration.ofSeconds(60);
  private Duration clientHeaderTimeout = Duration.ofSeconds(60);
  private Duration clientBodyTimeout = Duration.ofSeconds(60);
  private SSLContext upstreamTrust;
  private boolean statistics;
  private boolean underscoresInHeaders;
  private Duration pluginAccessTimeout = Duration.ofSeconds(60);
  private int pluginAccessTimeoutStatus = 500;
  private TrustedProxies trustedProxies = TrustedProxies.NONE;

  UndertowGatewayBuilder(LiveConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** Adds a plain HTTP proxy listener; port 0 picks a free port (see {@link UndertowGateway#proxyAddresses()}). */
  public UndertowGatewayBuilder proxyListener(String host, int port) {
    proxy.add(new InetSocketAddress(host, port));
    return this;
  }

  /** Adds a TLS proxy listener offering HTTP/2 (ALPN) and HTTP/1.1, with the certificate in {@code context}. */
  public UndertowGatewayBuilder tlsProxyListener(String host, int port, SSLContext context) {
    if (tlsContext != null && tlsContext != context) {
      throw new IllegalArgumentException("all TLS proxy listeners share one SSLContext");
    }
    tlsContext = Objects.requireNonNull(context, "context");
    tls.add(new InetSocketAddress(host, port));
    return this;
  }

  /** Adds an admin listener address; served only when {@link #adminHandler} is set. */
  public UndertowGatewayBuilder adminListener(String host, int port) {
    admin.add(new InetSocketAddress(host, port));
    return this;
  }

  /** The handler of the admin listeners (the Admin API). */
  public UndertowGatewayBuilder adminHandler(HttpHandler handler) {
    adminHandler = Objects.requireNonNull(handler, "handler");
    return this;
  }

  /** Adds a status listener address (Kong's {@code status_listen}); served only when {@link #statusHandler} is set. */
  public UndertowGatewayBuilder statusListener(String host, int port) {
    status.add(new InetSocketAddress(host, port));
    return this;
  }

  /** The handler of the status listeners ({@code /status} and {@code /metrics}). */
  public UndertowGatewayBuilder statusHandler(HttpHandler handler) {
    statusHandler = Objects.requireNonNull(handler, "handler");
    return this;
  }

  /** The plugin state the config's snapshots are built with. */
  public UndertowGatewayBuilder runtimeState(RuntimeState state) {
    runtimeState = Objects.requireNonNull(state, "state");
    runtimeStateSet = true;
    return this;
  }

  /**
   * The Micrometer registry the gateway records its own meters in (open streams). Plugins record into the
   * registry of the {@link #runtimeState}: build that with the same registry ({@code new PluginStates(registry)});
   * when no runtime state is given, one is made with this registry.
   */
  public UndertowGatewayBuilder meterRegistry(MeterRegistry registry) {
    meterRegistry = Objects.requireNonNull(registry, "registry");
    if (!runtimeStateSet) {
      runtimeState = new PluginStates(registry);
    }
    return this;
  }

  public UndertowGatewayBuilder ioThreads(int threads) {
    ioThreads = positive(threads, "ioThreads");
    return this;
  }

  /** Threads for blocking work: log phases, blocking plugins, name resolution. */
  public UndertowGatewayBuilder workerThreads(int threads) {
    workerThreads = positive(threads, "workerThreads");
    return this;
  }

  public UndertowGatewayBuilder resolver(HostResolver resolver) {
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    return this;
  }

  /**
   * The balancer to pick upstream targets with, shared with the Admin API's health endpoints; by default the
   * gateway makes its own and closes it when it stops.
   */
  public UndertowGatewayBuilder balancer(dev.llmgateway.balancer.Balancer balancer) {
    this.balancer = Objects.requireNonNull(balancer, "balancer");
    return this;
  }

  /**
   * What an engine's "too busy" answer (429, 503) does in the gateway's own balancer: retried on another replica
   * or passed to the client, and how long a {@code Retry-After} may bench the replica. Default
   * {@link BackPressure#DEFAULT}. Ignored when {@link #balancer} supplies a balancer (it has its own).
   */
  public UndertowGatewayBuilder backPressure(BackPressure rules) {
    backPressure = Objects.requireNonNull(rules, "rules");
    return this;
  }

  public UndertowGatewayBuilder accessLog(AccessLogOptions options) {
    accessLog = Objects.requireNonNull(options, "options");
    return this;
  }

  /** Idle upstream connections kept per address and IO thread, and how long each may stay idle. */
  public UndertowGatewayBuilder upstreamKeepalive(int maxIdle, Duration idleTtl) {
    if (maxIdle < 0) {
      throw new IllegalArgumentException("maxIdle must not be negative");
    }
    upstreamMaxIdle = maxIdle;
    upstreamIdleTtl = Objects.requireNonNull(idleTtl, "idleTtl");
    return this;
  }

  /** How long a client may accept no bytes before its connection is cut (nginx's send_timeout). */
  public UndertowGatewayBuilder clientSendTimeout(Duration timeout) {
    clientSendTimeout = Objects.requireNonNull(timeout, "timeout");
    return this;
  }

  /**
   * How long a client may take to send a request's line and headers before its connection is closed (nginx's
   * client_header_timeout), so that connections trickling headers cannot pile up.
   */
  public UndertowGatewayBuilder clientHeaderTimeout(Duration timeout) {
    clientHeaderTimeout = positive(timeout, "clientHeaderTimeout");
    return this;
  }

  /**
   * How long a client may send no byte of a request body that is streamed to the upstream before the request is
   * answered 408 and the upstream connection closed (nginx's client_body_timeout).
   */
  public UndertowGatewayBuilder clientBodyTimeout(Duration timeout) {
    clientBodyTimeout = positive(timeout, "clientBodyTimeout");
    return this;
  }

  /**
   * How long the plugins' access phase of one request may take in all, counted from its start, before the request
   * is answered with {@link #pluginAccessTimeoutStatus} (default 60 s): covers {@code Verdict.later} stages that
   * never complete and blocking plugins that hang. The client is watched meanwhile; a client that leaves ends
   * the request (logged as 499). Graceful drain waits at most this long for such a request.
   */
  public UndertowGatewayBuilder pluginAccessTimeout(Duration timeout) {
    pluginAccessTimeout = positive(timeout, "pluginAccessTimeout");
    return this;
  }

  /**
   * The status a request gets when its access phase runs out of time: 500 (the default, Kong's
   * {@code "An unexpected error occurred"}), 502, 503 or 504, each with Kong's default message.
   */
  public UndertowGatewayBuilder pluginAccessTimeoutStatus(int status) {
    if (status != 500 && status != 502 && status != 503 && status != 504) {
      throw new IllegalArgumentException("pluginAccessTimeoutStatus must be 500, 502, 503 or 504, not " + status);
    }
    pluginAccessTimeoutStatus = status;
    return this;
  }

  /** The trust (and key) material for https upstreams; the JDK trust store when not set. */
  public UndertowGatewayBuilder upstreamTrust(SSLContext context) {
    upstreamTrust = Objects.requireNonNull(context, "context");
    return this;
  }

  /**
   * Forwards request header fields whose names hold an underscore ({@code X_Forwarded_For}); off by default, as
   * in nginx ({@code underscores_in_headers}), because servers that map names to {@code HTTP_X_FORWARDED_FOR}
   * cannot tell such a field from the one the gateway sets. Kong turns it on.
   */
  public UndertowGatewayBuilder underscoresInHeaders(boolean on) {
    underscoresInHeaders = on;
    return this;
  }

  /**
   * The proxies allowed to name the client (Kong's {@code trusted_ips}, {@code real_ip_header},
   * {@code real_ip_recursive}): their header's address becomes the client address that ip-restriction,
   * {@code limit_by: ip}, the logs and {@code X-Real-IP} use, and their {@code X-Forwarded-*} headers are passed
   * on. Default {@link TrustedProxies#NONE}: the TCP peer is the client.
   */
  public UndertowGatewayBuilder trustedProxies(TrustedProxies proxies) {
    trustedProxies = Objects.requireNonNull(proxies, "proxies");
    return this;
  }

  /** Keeps Undertow's connector statistics on the proxy listeners ({@link UndertowGateway#proxyStatistics()}). */
  public UndertowGatewayBuilder statistics(boolean on) {
    statistics = on;
    return this;
  }

  public UndertowGateway build() {
    int workers = workerThreads > 0 ? workerThreads : Math.max(8, ioThreads * 8);
    return new UndertowGateway(new GatewaySettings(config, runtimeState, proxy, tls, tlsContext, admin, adminHandler,
        status, statusHandler, meterRegistry, ioThreads, workers, resolver, accessLog, upstreamMaxIdle, upstreamIdleTtl,
        clientSendTimeout, clientHeaderTimeout, clientBodyTimeout, upstreamTrust, statistics, underscoresInHeaders,
        pluginAccessTimeout, pluginAccessTimeoutStatus, balancer, backPressure, trustedProxies));
  }

  private static int positive(int n, String name) {
    if (n <= 0) {
      throw new IllegalArgumentException(name + " must be positive");
    }
    return n;
  }

  private static Duration positive(Duration d, String name) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
    return d;
  }
}
