package dev.llmgateway.undertow.internal.http;

import dev.llmgateway.internal.balancer.Balancer;
import dev.llmgateway.internal.config.LiveConfig;
import dev.llmgateway.net.TrustedProxies;
import dev.llmgateway.undertow.internal.log.AccessLog;
import dev.llmgateway.undertow.internal.upstream.UpstreamCall;
import dev.llmgateway.undertow.internal.websocket.OpenTunnels;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;

/**
 * What every proxied request shares: the live config, the upstream wiring and balancer, the worker for blocking
 * phases, the access log, the client send timeout, the access phase's time limit and the status it answers
 * with, the trusted proxies, and the in-flight count that graceful drain waits on. Internal to the gateway.
 */
public final class ProxyRuntime {
  final LiveConfig config;
  final UpstreamCall.Wiring wiring;
  public final Balancer balancer;
  final Executor worker;
  final AccessLog accessLog;
  final long sendTimeoutMillis;
  final boolean underscoresInHeaders;
  final long accessTimeoutNanos;
  final int accessTimeoutStatus;
  /** WebSocket tunnels open now, closed by a drain that reached its timeout. */
  public final OpenTunnels tunnels = new OpenTunnels();
  final TrustedProxies trustedProxies;
  private final LongAdder inFlight = new LongAdder();
  private final LongAdder openStreams = new LongAdder();
  private volatile boolean draining;

  /**
   * @param accessLog null when the access log is off
   * @param accessTimeout how long the access phase may wait on plugins before the request is answered
   * @param accessTimeoutStatus that answer's status (see {@link Failures#accessTimedOut})
   * @param trustedProxies the peers whose header names the client
   */
  public ProxyRuntime(LiveConfig config, UpstreamCall.Wiring wiring, Balancer balancer, Executor worker,
      AccessLog accessLog, long sendTimeoutMillis, boolean underscoresInHeaders, Duration accessTimeout,
      int accessTimeoutStatus, TrustedProxies trustedProxies) {
    this.trustedProxies = Objects.requireNonNull(trustedProxies, "trustedProxies");
    this.underscoresInHeaders = underscoresInHeaders;
    this.accessTimeoutNanos = accessTimeout.toNanos();
    this.accessTimeoutStatus = Failures.checkAccessTimeoutStatus(accessTimeoutStatus);
    this.config = config;
    this.wiring = wiring;
    this.balancer = balancer;
    this.worker = worker;
    this.accessLog = accessLog;
    this.sendTimeoutMillis = sendTimeoutMillis;
  }

  /** Requests between arrival and the end of their exchange. */
  public long inFlight() {
    return inFlight.sum();
  }

  /** From now on responses close their connection, so clients move away from a gateway that is stopping. */
  public void drain() {
    draining = true;
  }

  public boolean isDraining() {
    return draining;
  }

  /** Event-stream responses being relayed now. */
  public long openStreams() {
    return openStreams.sum();
  }

  void streamOpened() {
    openStreams.increment();
  }

  void streamClosed() {
    openStreams.decrement();
  }

  void started() {
    inFlight.increment();
  }

  void ended() {
    inFlight.decrement();
  }
}
