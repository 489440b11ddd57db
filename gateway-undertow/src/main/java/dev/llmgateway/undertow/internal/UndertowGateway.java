package dev.llmgateway.undertow.internal;

import dev.llmgateway.undertow.embed.GatewayOptions;

import dev.llmgateway.undertow.embed.HostResolver;

import dev.llmgateway.internal.config.LiveConfig;
import dev.llmgateway.plugin.RuntimeState;
import dev.llmgateway.internal.plugins.prometheus.TargetHealthFeed;
import dev.llmgateway.undertow.internal.buffer.ThreadCachedBufferPool;
import dev.llmgateway.undertow.internal.http.ProxyEndpoint;
import dev.llmgateway.undertow.internal.http.ProxyRuntime;
import dev.llmgateway.undertow.internal.log.AccessLog;
import dev.llmgateway.undertow.internal.log.SecretSafeLogging;
import dev.llmgateway.undertow.internal.upstream.UpstreamCall;
import dev.llmgateway.undertow.internal.upstream.UpstreamConnector;
import dev.llmgateway.undertow.internal.upstream.UpstreamPools;
import dev.llmgateway.undertow.internal.upstream.UpstreamTls;
import io.micrometer.core.instrument.Gauge;
import io.undertow.connector.ByteBufferPool;
import io.undertow.server.ConnectorStatistics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioWorker;

/**
 * The gateway on Undertow: one XNIO worker (IO threads for all network work, a task pool for blocking phases),
 * the proxy listeners, an optional TLS proxy listener with HTTP/2, and the admin listener slot, all serving the
 * {@link LiveConfig}. Start it, read back the bound addresses, and on shutdown drain: stop accepting, let running
 * requests finish (bounded), then stop. Built with {@link #builder(LiveConfig)}.
 */
public final class UndertowGateway implements AutoCloseable {
  private final GatewaySettings settings;
  private final ListenerSet proxy;
  private final ListenerSet tlsProxy;
  private final ListenerSet admin;
  private final ListenerSet status;
  private XnioWorker worker;
  private AccessLog accessLog;
  private UpstreamPools pools;
  private dev.llmgateway.internal.balancer.Balancer ownBalancer;
  private TargetHealthFeed healthFeed;
  private ProxyRuntime runtime;
  private boolean started;

  UndertowGateway(GatewaySettings settings) {
    this.settings = settings;
    int headerMillis = (int) Math.min(Integer.MAX_VALUE, settings.clientHeaderTimeout().toMillis());
    this.proxy = new ListenerSet(settings.statistics(), headerMillis);
    this.tlsProxy = new ListenerSet(settings.statistics(), headerMillis);
    this.admin = new ListenerSet(false, headerMillis);
    this.status = new ListenerSet(false, headerMillis);
  }

  /** A builder serving {@code config}; with no listener configured, nothing listens. */
  public static UndertowGatewayBuilder builder(LiveConfig config) {
    return new UndertowGatewayBuilder(config);
  }

  /**
   * A builder on {@code config} that starts with every shared option of {@code options} (listeners, threads,
   * timeouts, trust, ...), as {@link dev.llmgateway.undertow.embed.EmbeddedGateway} uses it.
   */
  public static UndertowGatewayBuilder builder(LiveConfig config, GatewayOptions<?> options) {
    UndertowGatewayBuilder b = new UndertowGatewayBuilder(config);
    SharedOptions.copy(options, b);
    return b;
  }

  /** Opens every listener; throws when a port cannot be bound (nothing is left running then). */
  public synchronized UndertowGateway start() {
    if (started) {
      throw new IllegalStateException("already started");
    }
    started = true;
    SecretSafeLogging.apply();
    try {
      Xnio xnio = Xnio.getInstance(UndertowGateway.class.getClassLoader());
      worker = xnio.createWorker(OptionMap.builder()
          .set(Options.WORKER_NAME, "gateway")
          .set(Options.WORKER_IO_THREADS, settings.ioThreads())
          .set(Options.WORKER_TASK_CORE_THREADS, settings.workerThreads())
          .set(Options.WORKER_TASK_MAX_THREADS, settings.workerThreads())
          .set(Options.TCP_NODELAY, true)
          .set(Options.CONNECTION_HIGH_WATER, 1_000_000)
          .set(Options.CONNECTION_LOW_WATER, 1_000_000)
          .getMap());
      ByteBufferPool buffers = new ThreadCachedBufferPool(true, 16 * 1024, 4);
      accessLog = AccessLog.open(settings.accessLog());
      HostResolver resolver = settings.resolver() != null ? settings.resolver() : HostResolver.jdk();
      pools = new UpstreamPools(settings.upstreamMaxIdle(), settings.upstreamIdleTtl());
      UpstreamConnector connector = new UpstreamConnector(resolver, worker,
          new UpstreamTls(xnio, settings.upstreamTrust() != null ? settings.upstreamTrust() : UpstreamTls.jdkTrust()));
      runtime = new ProxyRuntime(settings.config(), new UpstreamCall.Wiring(pools, connector, buffers,
          settings.clientBodyTimeout().toMillis()),
          newBalancer(), worker, accessLog, settings.clientSendTimeout().toMillis(),
          settings.underscoresInHeaders(), settings.pluginAccessTimeout(), settings.pluginAccessTimeoutStatus(),
          settings.trustedProxies());
      ProxyEndpoint endpoint = new ProxyEndpoint(runtime);
      proxy.openHttp(worker, buffers, settings.proxyListeners(), endpoint);
      if (settings.tlsContext() != null) {
        tlsProxy.openTls(xnio, worker, buffers, settings.tlsListeners(), settings.tlsContext(), endpoint);
      }
      if (settings.adminHandler() != null) {
        admin.openHttp(worker, buffers, settings.adminListeners(), settings.adminHandler());
      }
      if (settings.statusHandler() != null) {
        status.openHttp(worker, buffers, settings.statusListeners(), settings.statusHandler());
      }
      if (settings.meterRegistry() != null) {
        ProxyRuntime r = runtime;
        Gauge.builder("llm.gateway.open.streams", r, ProxyRuntime::openStreams)
            .description("Event streams (text/event-stream responses) being relayed right now")
            .register(settings.meterRegistry());
        healthFeed = new TargetHealthFeed(settings.config(), balancer(), settings.runtimeState()).start();
      }
      return this;
    } catch (IOException | RuntimeException e) {
      stop();
      throw e instanceof IOException io ? new UncheckedIOException("cannot start the gateway: " + e.getMessage(), io)
          : (RuntimeException) e;
    }
  }

  /** The configured balancer, or one of the gateway's own that lives until {@link #stop()}. */
  private dev.llmgateway.internal.balancer.Balancer newBalancer() {
    if (settings.balancer() != null) {
      return settings.balancer();
    }
    ownBalancer = new dev.llmgateway.internal.balancer.Balancer(settings.config()::current, settings.backPressure(),
        Duration.ofSeconds(1), "/metrics");
    return ownBalancer;
  }

  /** The balancer picking upstream targets (health, load), once started. */
  public dev.llmgateway.internal.balancer.Balancer balancer() {
    return runtime == null ? null : runtime.balancer;
  }

  /** The bound proxy listener addresses, in the order they were configured. */
  public List<InetSocketAddress> proxyAddresses() {
    return proxy.addresses();
  }

  /** The bound TLS proxy listener addresses (empty without TLS). */
  public List<InetSocketAddress> tlsProxyAddresses() {
    return tlsProxy.addresses();
  }

  /** The bound status listener addresses (empty without a status handler). */
  public List<InetSocketAddress> statusAddresses() {
    return status.addresses();
  }

  /** The bound admin listener addresses (empty without an admin handler). */
  public List<InetSocketAddress> adminAddresses() {
    return admin.addresses();
  }

  /**
   * Undertow's connector statistics (active connections, requests) of the proxy and TLS proxy listeners, for the
   * Admin API's {@code /status}; entries are null unless the builder turned {@code statistics} on.
   */
  public List<ConnectorStatistics> proxyStatistics() {
    List<ConnectorStatistics> all = new java.util.ArrayList<>(proxy.statistics());
    all.addAll(tlsProxy.statistics());
    return all;
  }

  /** Connections the proxy and TLS proxy listeners accepted since start. */
  public long proxyConnectionsAccepted() {
    return proxy.accepted() + tlsProxy.accepted();
  }

  public LiveConfig config() {
    return settings.config();
  }

  /** Plugin state that survives config changes; build every snapshot of {@link #config()} with it. */
  public RuntimeState runtimeState() {
    return settings.runtimeState();
  }

  /**
   * Begins a graceful stop: the proxy listeners stop accepting, and responses from now on close their connection.
   * The admin listener keeps serving (for example {@code /status}, which reports {@link #isDraining()}).
   */
  public synchronized void beginDrain() {
    if (runtime != null) {
      runtime.drain();
    }
    proxy.close();
    tlsProxy.close();
  }

  public boolean isDraining() {
    return runtime != null && runtime.isDraining();
  }

  /** Proxied requests between arrival and end. */
  public long inFlight() {
    return runtime == null ? 0 : runtime.inFlight();
  }

  /**
   * Waits until no proxied request is running or {@code timeout} passes; true when none is left. At the timeout the
   * open WebSocket tunnels are closed (they have no end of their own) and given a moment to log their close.
   */
  public boolean awaitDrained(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (inFlight() > 0) {
      if (System.nanoTime() >= deadline) {
        closeTunnels();
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  private void closeTunnels() throws InterruptedException {
    if (runtime == null || runtime.tunnels.count() == 0) {
      return;
    }
    runtime.tunnels.closeAll("gateway stopping");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    while (runtime.tunnels.count() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  /** Stops at once: closes listeners and every connection (idle keep-alive ones included), then the worker. */
  public synchronized void stop() {
    proxy.close();
    tlsProxy.close();
    admin.close();
    if (ownBalancer != null) {
      ownBalancer.close();
      ownBalancer = null;
    }
    status.close();
    if (healthFeed != null) {
      healthFeed.close();
      healthFeed = null;
    }
    if (pools != null) {
      pools.closeAll();
    }
    if (worker != null) {
      worker.shutdownNow();
      try {
        worker.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      worker = null;
    }
    if (accessLog != null) {
      accessLog.close();
      accessLog = null;
    }
  }

  @Override
  public void close() {
    stop();
  }
}
