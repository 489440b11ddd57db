package dev.llmgateway.undertow.internal;

import dev.llmgateway.undertow.embed.GatewayOptions;

import dev.llmgateway.internal.config.LiveConfig;
import dev.llmgateway.internal.pipeline.PluginStates;
import dev.llmgateway.plugin.RuntimeState;
import io.micrometer.core.instrument.MeterRegistry;
import io.undertow.server.HttpHandler;
import java.util.Objects;

/**
 * Configures an {@link UndertowGateway}: the shared {@link GatewayOptions} plus what a bare server needs (the live
 * config, the admin and status handlers, the plugin state, a balancer). Everything but the config has a default:
 * IO threads = cores, a worker pool of 8 per IO thread, the JDK resolver on that pool, access log on stdout, 512
 * idle upstream connections per address and IO thread kept for 4 s, a 60 s client send timeout, a 60 s limit on
 * the plugins' access phase answered with 500, the JDK trust store for https upstreams, engine back-pressure
 * retried ({@link dev.llmgateway.balancer.BackPressure#DEFAULT}), no trusted proxy.
 */
public final class UndertowGatewayBuilder extends GatewayOptions<UndertowGatewayBuilder> {
  private final LiveConfig config;
  private RuntimeState runtimeState = new PluginStates();
  private HttpHandler adminHandler;
  private HttpHandler statusHandler;
  private MeterRegistry meterRegistry;
  private boolean runtimeStateSet;
  private dev.llmgateway.internal.balancer.Balancer balancer;
  private boolean statistics;

  UndertowGatewayBuilder(LiveConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  @Override
  protected UndertowGatewayBuilder self() {
    return this;
  }

  /** The handler of the admin listeners (the Admin API); they are served only when it is set. */
  public UndertowGatewayBuilder adminHandler(HttpHandler handler) {
    adminHandler = Objects.requireNonNull(handler, "handler");
    return this;
  }

  /** The handler of the status listeners ({@code /status} and {@code /metrics}); served only when it is set. */
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

  /**
   * The balancer to pick upstream targets with, shared with the Admin API's health endpoints; by default the
   * gateway makes its own and closes it when it stops (then {@link #backPressure} applies to it).
   */
  public UndertowGatewayBuilder balancer(dev.llmgateway.internal.balancer.Balancer balancer) {
    this.balancer = Objects.requireNonNull(balancer, "balancer");
    return this;
  }

  /** Keeps Undertow's connector statistics on the proxy listeners ({@link UndertowGateway#proxyStatistics()}). */
  public UndertowGatewayBuilder statistics(boolean on) {
    statistics = on;
    return this;
  }

  public UndertowGateway build() {
    SharedOptions o = SharedOptions.of(this);
    int workers = o.workerThreads() > 0 ? o.workerThreads() : Math.max(8, o.ioThreads() * 8);
    return new UndertowGateway(new GatewaySettings(config, runtimeState, o.proxy(), o.tls(), o.tlsContext(),
        o.admin(), adminHandler, o.status(), statusHandler, meterRegistry, o.ioThreads(), workers, o.resolver(),
        o.accessLog(), o.upstreamMaxIdle(), o.upstreamIdleTtl(), o.clientSendTimeout(), o.clientHeaderTimeout(),
        o.clientBodyTimeout(), o.upstreamTrust(), statistics, o.underscoresInHeaders(), o.pluginAccessTimeout(),
        o.pluginAccessTimeoutStatus(), balancer, o.backPressure(), o.trustedProxies()));
  }
}
