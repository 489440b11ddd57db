package dev.llmgateway.undertow.http;

import dev.llmgateway.entity.Consumer;
import dev.llmgateway.entity.Route;
import dev.llmgateway.entity.Service;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.undertow.log.AccessLogEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The end of a request: plugins' log phases run on a worker (they may block) unless a plugin says its log phase
 * never blocks (then it runs here, on the IO thread), and the access log gets its line through the log thread. Nothing here runs blocking work on the IO thread.
 */
final class LogPhase {
  private static final System.Logger LOG = System.getLogger("dev.llmgateway.proxy");

  private LogPhase() {}

  static void run(ProxyExchange px, int status, String failure) {
    long totalMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - px.startNanos);
    PluginContext ctx = px.ctx;
    if (ctx != null) {
      ctx.status(status);
      ctx.failure = failure;
      ctx.totalMillis = totalMillis;
      ctx.bytesSent = px.response.bytesSent();
      ctx.startedAt = px.startMillis;
      ctx.sent(px.exchange.getResponseHeaders());
      List<Plugin> plugins = px.plugins();
      List<Plugin> blocking = null;
      for (int i = 0; i < plugins.size(); i++) {
        Plugin p = plugins.get(i);
        if (p.logBlocks()) {
          if (blocking == null) {
            blocking = new ArrayList<>(plugins.size() - i);
          }
          blocking.add(p);
        } else {
          logOne(p, ctx);
        }
      }
      if (blocking != null) {
        List<Plugin> onWorker = blocking;
        px.runtime.worker.execute(() -> logPlugins(onWorker, ctx));
      }
    }
    if (px.runtime.accessLog != null) {
      px.runtime.accessLog.record(entry(px, status, totalMillis));
    }
  }

  private static void logPlugins(List<Plugin> plugins, PluginContext ctx) {
    for (Plugin p : plugins) {
      logOne(p, ctx);
    }
  }

  private static void logOne(Plugin p, PluginContext ctx) {
    try {
      p.log(ctx);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "log phase failed for request " + ctx.requestId(), e);
    }
  }

  private static AccessLogEntry entry(ProxyExchange px, int status, long totalMillis) {
    PluginContext ctx = px.ctx;
    String path = px.client.rawPath();
    String clientIp = px.client.clientIp();
    Route route = px.upstream.match() == null ? null : px.upstream.match().route();
    Service service = px.upstream.match() == null ? null : px.upstream.match().service();
    Consumer consumer = ctx == null ? null : ctx.consumer();
    return new AccessLogEntry(px.startMillis, clientIp, px.exchange.getRequestMethod().toString(),
        path == null ? "-" : path, status, px.response.bytesSent(), totalMillis,
        ctx == null ? -1 : ctx.upstreamMillis,
        route == null ? null : route.name() != null ? route.name() : route.id().toString(),
        service == null ? null : service.name() != null ? service.name() : service.id().toString(),
        consumer == null ? null : consumer.username() != null ? consumer.username()
            : consumer.customId() != null ? consumer.customId() : consumer.id().toString(),
        px.requestId, ctx == null ? null : LlmLogging.stats(ctx));
  }
}
