package dev.llmgateway.undertow.internal.http;

import dev.llmgateway.plugin.Plugin;
import io.undertow.util.HeaderMap;
import java.util.ArrayList;
import java.util.List;

/**
 * The end of a request, from its {@link RequestOutcome} alone: plugins' log phases run on a worker (they may
 * block) unless a plugin says its log phase never blocks (then it runs here, on the IO thread); plugins without a
 * log phase are skipped, so a request whose plugins log nothing never goes to a worker. The access log gets its
 * line through the log thread. Nothing here runs blocking work on the IO thread.
 */
final class LogPhase {
  private static final System.Logger LOG = System.getLogger("dev.llmgateway.internal.proxy");

  private LogPhase() {}

  /**
   * @param ctx the plugins' context, null when no route with a service matched (then no plugin ran)
   * @param sent the response headers the client was sent, shown to log phases
   */
  static void run(ProxyRuntime runtime, PluginContext ctx, List<Plugin> plugins, HeaderMap sent,
      RequestOutcome outcome) {
    if (ctx != null) {
      ctx.ended(outcome, sent);
      List<Plugin> blocking = null;
      for (int i = 0; i < plugins.size(); i++) {
        Plugin p = plugins.get(i);
        if (!PluginLogHooks.logs(p)) {
          continue;
        }
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
        runtime.worker.execute(() -> logPlugins(onWorker, ctx));
      }
    }
    if (runtime.accessLog != null) {
      runtime.accessLog.record(outcome.logEntry());
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
}
