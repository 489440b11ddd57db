package dev.llmgateway.launcher;

import dev.llmgateway.cluster.internal.postgres.PgConfigStore;
import dev.llmgateway.cluster.internal.postgres.PgFailure;
import dev.llmgateway.cluster.internal.redis.RedisClients;
import dev.llmgateway.cluster.internal.redis.RedisRateLimiting;
import dev.llmgateway.cluster.internal.redis.RedisTokenLimiting;
import dev.llmgateway.internal.declarative.DeclarativeError;
import dev.llmgateway.internal.defaults.AdminKey;
import dev.llmgateway.internal.defaults.DefaultStack;
import dev.llmgateway.internal.defaults.StackSettings;
import dev.llmgateway.internal.json.Json;
import dev.llmgateway.launcher.listen.ListenAddress;
import dev.llmgateway.undertow.embed.AccessLogOptions;
import dev.llmgateway.undertow.embed.EmbeddedGateway;
import dev.llmgateway.undertow.embed.EmbeddedGatewayBuilder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps checked start-up settings onto the embedding API: the file store in the data dir (or the cluster's
 * PostgreSQL store), the rate-limiting type with its Redis policy, the declarative config
 * (which replaces the stored one), the built-in LLM stack for an empty data dir, the admin API on the proxy with
 * the admin key, listeners and access log. Failures become one {@link SettingException} line.
 */
final class GatewayAssembly {
  /** How often each node compares its configuration version with the database's, in case a NOTIFY was missed. */
  static final long CONSISTENCY_CHECK_MILLIS = 1000;

  private final Preflight.Checked checked;
  private final AdminKey key;
  private final RedisClients redis = new RedisClients();
  private final TickingClock metricsClock = new TickingClock();

  GatewayAssembly(Preflight.Checked checked, AdminKey key) {
    this.checked = checked;
    this.key = key;
  }

  EmbeddedGateway start() throws SettingException {
    StartSettings s = checked.settings();
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(),
        metricsClock);
    EmbeddedGatewayBuilder b = EmbeddedGateway.builder()
        .meterRegistry(metrics)
        .metricsText(metrics::scrape);
    if (s.cluster().isPresent()) {
      b.store(openDatabase(s.cluster().get()));
    } else {
      b.dataDir(s.dataDir());
    }
    // policy: redis works on one node too; in cluster mode policy: cluster counts in Redis as well (see
    // docs/cluster.md), so that no policy ever counts per node while the operator believes it is cluster-wide.
    b.plugin(RedisRateLimiting.type(redis, s.cluster().isPresent()))
        .plugin(RedisTokenLimiting.type(redis))
        .configFile(s.config().orElse(null))
        .initialConfig(defaultStack(s))
        .adminApiOnProxy(key.value())
        .upstreamKeepalive(s.upstreamKeepalive().poolSize(), s.upstreamKeepalive().idleTimeout())
        .pluginAccessTimeout(s.pluginAccessTimeout())
        .backPressure(s.backPressure())
        .accessLog(accessLog(s.accessLog()))
        .trustedProxies(s.trustedProxies())
        .underscoresInHeaders(s.underscoresInHeaders());
    checked.upstreamTrust().ifPresent(b::upstreamTrust);
    for (ListenAddress a : checked.proxy()) {
      if (a.tls()) {
        b.tlsProxyListener(a.host(), a.port(), checked.tls().orElseThrow());
      } else {
        b.proxyListener(a.host(), a.port());
      }
    }
    s.admin().forEach(a -> b.adminListener(a.host(), a.port()));
    s.status().forEach(a -> b.statusListener(a.host(), a.port()));
    try {
      return b.start();
    } catch (DeclarativeError e) {
      throw new SettingException("config " + s.config().map(Object::toString).orElse("") + " is invalid: "
          + String.join("; ", e.messages()));
    } catch (IOException | RuntimeException e) {
      throw new SettingException(describe(e));
    }
  }

  /** The Redis connections of the rate-limiting plugins, to close when the gateway stops. */
  RedisClients redis() {
    return redis;
  }

  /** The metrics registry's clock, whose ticking thread stops when the gateway does. */
  TickingClock metricsClock() {
    return metricsClock;
  }

  /** The cluster's store: refuses, in one line naming the setting or the command to run, a database it cannot use. */
  private static PgConfigStore openDatabase(ClusterSettings cluster) throws SettingException {
    try {
      return PgConfigStore.open(cluster.pg(), CONSISTENCY_CHECK_MILLIS);
    } catch (PgFailure e) {
      throw new SettingException(cluster.explain(e));
    }
  }

  /** The usage guide's stack for an empty data dir; the admin part is re-asserted with the real port anyway. */
  private String defaultStack(StartSettings s) {
    ListenAddress admin = s.admin().get(0);
    StackSettings stack = new StackSettings(s.vllmUrl(), s.sglangUrl(), admin.host(),
        admin.port() == 0 ? 1 : admin.port(), key.value());
    return Json.write(DefaultStack.declarative(stack));
  }

  static AccessLogOptions accessLog(StartSettings.AccessLogSetting log) {
    AccessLogOptions options = switch (log.target()) {
      case STDOUT -> AccessLogOptions.stdout();
      case OFF -> AccessLogOptions.off();
      case FILE -> AccessLogOptions.file(log.file());
    };
    return log.json() ? options.asJson() : options;
  }

  /** One line for a start failure; a bind failure names the address that is taken. */
  private String describe(Exception e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    if (message.contains("Address already in use") || e instanceof java.net.BindException) {
      for (ListenAddress a : allAddresses()) {
        if (a.port() != 0 && !bindable(a)) {
          return "cannot listen on " + a.hostPort() + ": address already in use";
        }
      }
      return "cannot listen: address already in use";
    }
    if (message.contains("Cannot assign requested address")) {
      return "cannot listen on one of " + allAddresses() + ": the host is not an address of this machine";
    }
    return "cannot start: " + message;
  }

  private List<ListenAddress> allAddresses() {
    List<ListenAddress> all = new ArrayList<>(checked.proxy());
    all.addAll(checked.settings().admin());
    all.addAll(checked.settings().status());
    return all;
  }

  private static boolean bindable(ListenAddress a) {
    try (ServerSocketChannel channel = ServerSocketChannel.open()) {
      channel.bind(new InetSocketAddress(a.host(), a.port()));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
