package dev.llmgateway.undertow.internal;

import dev.llmgateway.balancer.BackPressure;
import dev.llmgateway.net.TrustedProxies;
import dev.llmgateway.undertow.embed.AccessLogOptions;
import dev.llmgateway.undertow.embed.GatewayOptions;
import dev.llmgateway.undertow.embed.HostResolver;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * The values of a {@link GatewayOptions}, read by the server that is built from it. The options class is API and
 * keeps its fields to itself; it hands this code a {@link Reader} when it is loaded (the JDK's "shared secrets"
 * pattern), so no getter or internal type shows in the embedding API.
 */
public record SharedOptions(List<InetSocketAddress> proxy, List<InetSocketAddress> tls, SSLContext tlsContext,
    List<InetSocketAddress> admin, List<InetSocketAddress> status, int ioThreads, int workerThreads,
    HostResolver resolver, BackPressure backPressure, AccessLogOptions accessLog, int upstreamMaxIdle,
    Duration upstreamIdleTtl, Duration clientSendTimeout, Duration clientHeaderTimeout, Duration clientBodyTimeout,
    SSLContext upstreamTrust, boolean underscoresInHeaders, Duration pluginAccessTimeout,
    int pluginAccessTimeoutStatus, TrustedProxies trustedProxies) {
  public SharedOptions {
    proxy = List.copyOf(proxy);
    tls = List.copyOf(tls);
    admin = List.copyOf(admin);
    status = List.copyOf(status);
  }

  /** What {@link GatewayOptions} gives this package: its values, and a copy of one builder's into another. */
  public interface Reader {
    SharedOptions read(GatewayOptions<?> options);

    void copy(GatewayOptions<?> from, GatewayOptions<?> to);
  }

  private static volatile Reader reader;

  /** Called once, by {@link GatewayOptions}'s static initializer; later calls are ignored. */
  public static synchronized void install(Reader r) {
    if (reader == null) {
      reader = Objects.requireNonNull(r, "reader");
    }
  }

  /** The values of {@code options} (its class is loaded, so the reader is installed). */
  static SharedOptions of(GatewayOptions<?> options) {
    return reader.read(options);
  }

  static void copy(GatewayOptions<?> from, GatewayOptions<?> to) {
    reader.copy(from, to);
  }
}
