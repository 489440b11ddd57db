package dev.llmgateway.undertow.internal;

import dev.llmgateway.undertow.embed.AccessLogOptions;

import dev.llmgateway.undertow.embed.HostResolver;

import dev.llmgateway.balancer.BackPressure;
import dev.llmgateway.internal.balancer.Balancer;
import io.micrometer.core.instrument.MeterRegistry;
import dev.llmgateway.internal.config.LiveConfig;
import dev.llmgateway.net.TrustedProxies;
import dev.llmgateway.plugin.RuntimeState;
import io.undertow.server.HttpHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;

/** Everything an {@link UndertowGateway} is built from, fixed at build time. */
record GatewaySettings(LiveConfig config, RuntimeState runtimeState, List<InetSocketAddress> proxyListeners,
    List<InetSocketAddress> tlsListeners, SSLContext tlsContext, List<InetSocketAddress> adminListeners,
    HttpHandler adminHandler, List<InetSocketAddress> statusListeners, HttpHandler statusHandler,
    MeterRegistry meterRegistry, int ioThreads, int workerThreads, HostResolver resolver, AccessLogOptions accessLog,
    int upstreamMaxIdle, Duration upstreamIdleTtl, Duration clientSendTimeout, Duration clientHeaderTimeout,
    Duration clientBodyTimeout, SSLContext upstreamTrust, boolean statistics,
    boolean underscoresInHeaders, Duration pluginAccessTimeout, int pluginAccessTimeoutStatus, Balancer balancer,
    BackPressure backPressure, TrustedProxies trustedProxies) {

  GatewaySettings {
    proxyListeners = List.copyOf(proxyListeners);
    tlsListeners = List.copyOf(tlsListeners);
    adminListeners = List.copyOf(adminListeners);
    statusListeners = List.copyOf(statusListeners);
  }
}
