package dev.llmgateway.undertow.embed;

import dev.llmgateway.undertow.internal.SharedOptions;
import dev.llmgateway.undertow.internal.UndertowGatewayBuilder;
import dev.llmgateway.balancer.BackPressure;
import dev.llmgateway.net.TrustedProxies;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * The server options both builders share, written once: listeners, threads, name resolution, upstream keep-alive
 * and trust, client timeouts, the access phase's time limit, engine back-pressure, header rules, trusted proxies
 * and the access log. {@link UndertowGatewayBuilder} adds what only a bare server needs (a live config, handlers,
 * a balancer); {@link dev.llmgateway.undertow.embed.EmbeddedGatewayBuilder} adds the store, plugins and Admin API.
 *
 * @param <B> the concrete builder, returned by every setter so that calls chain
 */
public abstract class GatewayOptions<B extends GatewayOptions<B>> {
  final List<InetSocketAddress> proxy = new ArrayList<>();
  final List<InetSocketAddress> tls = new ArrayList<>();
  SSLContext tlsContext;
  final List<InetSocketAddress> admin = new ArrayList<>();
  final List<InetSocketAddress> status = new ArrayList<>();
  int ioThreads = Runtime.getRuntime().availableProcessors();
  int workerThreads = -1;
  HostResolver resolver;
  BackPressure backPressure = BackPressure.DEFAULT;
  AccessLogOptions accessLog = AccessLogOptions.stdout();
  int upstreamMaxIdle = 512;
  Duration upstreamIdleTtl = Duration.ofSeconds(4);
  Duration clientSendTimeout = Duration.ofSeconds(60);
  Duration clientHeaderTimeout = Duration.ofSeconds(60);
  Duration clientBodyTimeout = Duration.ofSeconds(60);
  SSLContext upstreamTrust;
  boolean underscoresInHeaders;
  Duration pluginAccessTimeout = Duration.ofSeconds(60);
  int pluginAccessTimeoutStatus = 500;
  TrustedProxies trustedProxies = TrustedProxies.NONE;

  static {
    SharedOptions.install(new SharedOptions.Reader() {
      @Override
      public SharedOptions read(GatewayOptions<?> options) {
        return options.values();
      }

      @Override
      public void copy(GatewayOptions<?> from, GatewayOptions<?> to) {
        to.copy(from);
      }
    });
  }

  /** For the two builders of this library; not meant to be extended elsewhere. */
  protected GatewayOptions() {}

  /** This builder, typed as itself. */
  protected abstract B self();

  private SharedOptions values() {
    return new SharedOptions(proxy, tls, tlsContext, admin, status, ioThreads, workerThreads, resolver, backPressure,
        accessLog, upstreamMaxIdle, upstreamIdleTtl, clientSendTimeout, clientHeaderTimeout, clientBodyTimeout,
        upstreamTrust, underscoresInHeaders, pluginAccessTimeout, pluginAccessTimeoutStatus, trustedProxies);
  }

  /** Copies every shared option of {@code from} into this builder. */
  final void copy(GatewayOptions<?> from) {
    proxy.addAll(from.proxy);
    tls.addAll(from.tls);
    tlsContext = from.tlsContext;
    admin.addAll(from.admin);
    status.addAll(from.status);
    ioThreads = from.ioThreads;
    workerThreads = from.workerThreads;
    resolver = from.resolver;
    backPressure = from.backPressure;
    accessLog = from.accessLog;
    upstreamMaxIdle = from.upstreamMaxIdle;
    upstreamIdleTtl = from.upstreamIdleTtl;
    clientSendTimeout = from.clientSendTimeout;
    clientHeaderTimeout = from.clientHeaderTimeout;
    clientBodyTimeout = from.clientBodyTimeout;
    upstreamTrust = from.upstreamTrust;
    underscoresInHeaders = from.underscoresInHeaders;
    pluginAccessTimeout = from.pluginAccessTimeout;
    pluginAccessTimeoutStatus = from.pluginAccessTimeoutStatus;
    trustedProxies = from.trustedProxies;
  }

  /** The admin listener addresses given so far. */
  protected final List<InetSocketAddress> adminAddresses() {
    return List.copyOf(admin);
  }

  /** The status listener addresses given so far. */
  protected final List<InetSocketAddress> statusAddresses() {
    return List.copyOf(status);
  }

  /** A plain HTTP proxy listener; port 0 picks a free port. */
  public B proxyListener(String host, int port) {
    proxy.add(new InetSocketAddress(host, port));
    return self();
  }

  /** A TLS proxy listener offering HTTP/2 (ALPN) and HTTP/1.1; all TLS listeners share one context. */
  public B tlsProxyListener(String host, int port, SSLContext context) {
    if (tlsContext != null && tlsContext != context) {
      throw new IllegalArgumentException("all TLS proxy listeners share one SSLContext");
    }
    tlsContext = Objects.requireNonNull(context, "context");
    tls.add(new InetSocketAddress(host, port));
    return self();
  }

  /** An Admin API listener address (plain HTTP; keep it on loopback: the Admin API has no authentication). */
  public B adminListener(String host, int port) {
    admin.add(new InetSocketAddress(host, port));
    return self();
  }

  /** A status listener address (Kong's {@code status_listen}: {@code /status} and {@code /metrics} only). */
  public B statusListener(String host, int port) {
    status.add(new InetSocketAddress(host, port));
    return self();
  }

  /** IO threads; default one per core. */
  public B ioThreads(int threads) {
    ioThreads = positive(threads, "ioThreads");
    return self();
  }

  /** Threads for blocking work (log phases, blocking plugins, name resolution); default eight per IO thread. */
  public B workerThreads(int threads) {
    workerThreads = positive(threads, "workerThreads");
    return self();
  }

  /** How upstream host names become addresses; default the JDK's resolver, off the IO threads. */
  public B resolver(HostResolver hostResolver) {
    resolver = Objects.requireNonNull(hostResolver, "hostResolver");
    return self();
  }

  /**
   * What an engine's "too busy" answer (429, 503) does: retried on another replica of the upstream or passed to
   * the client, and how long a {@code Retry-After} may bench a replica (see docs/balancing.md). Default
   * {@link BackPressure#DEFAULT}.
   */
  public B backPressure(BackPressure rules) {
    backPressure = Objects.requireNonNull(rules, "rules");
    return self();
  }

  /** The access log: stdout, a file or off, text or JSON lines. */
  public B accessLog(AccessLogOptions options) {
    accessLog = Objects.requireNonNull(options, "options");
    return self();
  }

  /**
   * Idle keep-alive connections kept per upstream address and IO thread (default 512; 0 turns reuse off), and how
   * long one may stay idle (default 4 s, below uvicorn's 5 s keep-alive, so vLLM and SGLang never close a
   * connection the gateway is about to reuse).
   */
  public B upstreamKeepalive(int poolSize, Duration idleTimeout) {
    if (poolSize < 0) {
      throw new IllegalArgumentException("poolSize must not be negative");
    }
    upstreamMaxIdle = poolSize;
    upstreamIdleTtl = Objects.requireNonNull(idleTimeout, "idleTimeout");
    return self();
  }

  /** How long a client may accept no bytes before its connection is cut (nginx's send_timeout; default 60 s). */
  public B clientSendTimeout(Duration timeout) {
    clientSendTimeout = Objects.requireNonNull(timeout, "timeout");
    return self();
  }

  /**
   * How long a client may take to send a request's line and headers before its connection is closed (nginx's
   * client_header_timeout; default 60 s), so that connections trickling headers cannot pile up.
   */
  public B clientHeaderTimeout(Duration timeout) {
    clientHeaderTimeout = positive(timeout, "clientHeaderTimeout");
    return self();
  }

  /**
   * How long a client may send no byte of a request body that is streamed to the upstream before the request is
   * answered 408 and the upstream connection closed (nginx's client_body_timeout; default 60 s).
   */
  public B clientBodyTimeout(Duration timeout) {
    clientBodyTimeout = positive(timeout, "clientBodyTimeout");
    return self();
  }

  /**
   * How long the plugins' access phase of one request may take in all, counted from its start, before the request
   * is answered with {@link #pluginAccessTimeoutStatus} (default 60 s): covers {@code Verdict.later} stages that
   * never complete and blocking plugins that hang. The client is watched meanwhile; a client that leaves ends
   * the request (logged as 499). Graceful drain waits at most this long for such a request.
   */
  public B pluginAccessTimeout(Duration timeout) {
    pluginAccessTimeout = positive(timeout, "pluginAccessTimeout");
    return self();
  }

  /**
   * The status a request gets when its access phase runs out of time: 500 (the default, Kong's
   * {@code "An unexpected error occurred"}), 502, 503 or 504, each with Kong's default message.
   */
  public B pluginAccessTimeoutStatus(int status) {
    if (status != 500 && status != 502 && status != 503 && status != 504) {
      throw new IllegalArgumentException("pluginAccessTimeoutStatus must be 500, 502, 503 or 504, not " + status);
    }
    pluginAccessTimeoutStatus = status;
    return self();
  }

  /**
   * The trust (and client key) material for https upstreams, e.g. a private CA's (Kong's
   * {@code lua_ssl_trusted_certificate}); default the JDK's trust store.
   * {@link dev.llmgateway.undertow.embed.UpstreamTrust#fromPem} builds one from PEM bundles.
   */
  public B upstreamTrust(SSLContext context) {
    upstreamTrust = Objects.requireNonNull(context, "context");
    return self();
  }

  /**
   * Forwards request header fields whose names hold an underscore ({@code X_Forwarded_For}); off by default, as
   * in nginx ({@code underscores_in_headers}), because servers that map names to {@code HTTP_X_FORWARDED_FOR}
   * cannot tell such a field from the one the gateway sets. Kong turns it on.
   */
  public B underscoresInHeaders(boolean on) {
    underscoresInHeaders = on;
    return self();
  }

  /**
   * The proxies allowed to name the client (Kong's {@code trusted_ips}, {@code real_ip_header},
   * {@code real_ip_recursive}), e.g. {@code TrustedProxies.parse("10.0.0.0/8", "X-Forwarded-For", true)}: their
   * header's address becomes the client address that ip-restriction, {@code limit_by: ip}, the logs and
   * {@code X-Real-IP} use, and their {@code X-Forwarded-*} headers are passed on. Default
   * {@link TrustedProxies#NONE}: the TCP peer is the client (see docs/proxy-settings.md).
   */
  public B trustedProxies(TrustedProxies proxies) {
    trustedProxies = Objects.requireNonNull(proxies, "proxies");
    return self();
  }

  static int positive(int n, String name) {
    if (n <= 0) {
      throw new IllegalArgumentException(name + " must be positive");
    }
    return n;
  }

  static Duration positive(Duration d, String name) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
    return d;
  }
}
