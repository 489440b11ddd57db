package dev.llmgateway.internal.plugins.prometheus;

import dev.llmgateway.plugin.LogContext;
import dev.llmgateway.plugin.Plugin;
import java.util.concurrent.TimeUnit;

/**
 * One configured prometheus plugin (Kong's {@code exporter.log}): in the log phase, adds the request to the meters
 * its config turns on. Requests that matched no route are never recorded, as in Kong. Runs on the IO thread.
 */
final class PrometheusPlugin implements Plugin {
  private final PrometheusConfig conf;
  private final KongMeters meters;

  PrometheusPlugin(PrometheusConfig conf, KongMeters meters) {
    this.conf = conf;
    this.meters = meters;
  }

  /** Recording is a few map reads and adder increments: cheaper on the IO thread than a hand-off to a worker. */
  @Override
  public boolean logBlocks() {
    return false;
  }

  @Override
  public void log(LogContext ctx) {
    if (ctx.route() == null) {
      return;
    }
    RouteMeters route = meters.route(ctx.route(), ctx.service());
    ConsumerMeters consumer = route.consumer(Labels.consumer(ctx.consumer(), conf.perConsumer()));
    int status = ctx.status();
    boolean fromService = ctx.upstreamMillis() >= 0;
    if (conf.statusCodeMetrics()) {
      consumer.requests(status, fromService).increment();
      if (clientLeft(ctx)) {
        consumer.disconnects().increment();
      }
      if (status == 429 && !fromService) {
        consumer.rejections().increment();
      }
    }
    if (conf.latencyMetrics()) {
      route.kongLatency().record(ctx.kongMillis());
      if (fromService) {
        route.upstreamLatency().record(ctx.upstreamMillis());
      }
      route.requestLatency().record(ctx.totalMillis());
      route.overhead().record(ctx.kongMillis(), TimeUnit.MILLISECONDS);
    }
    if (conf.bandwidthMetrics()) {
      if (ctx.bytesReceived() > 0) {
        consumer.ingress().add(ctx.bytesReceived());
      }
      if (ctx.bytesSent() > 0) {
        consumer.egress().add(ctx.bytesSent());
      }
    }
    if (conf.aiMetrics()) {
      LlmFigures figures = LlmFigures.of(ctx);
      if (figures != null) {
        llm(ctx, consumer, figures);
      }
    }
  }

  private static boolean clientLeft(LogContext ctx) {
    String failure = ctx.failure();
    return ctx.status() == 499 || (failure != null && failure.startsWith("client "));
  }

  private void llm(LogContext ctx, ConsumerMeters consumer, LlmFigures f) {
    LlmSeries s = consumer.llm(meters.providers.label(f.provider()), meters.models.label(f.requestModel()));
    s.kongRequests.increment();
    if (f.promptTokens() > 0) {
      s.kongPromptTokens.increment(f.promptTokens());
      s.inputTokens.record(f.promptTokens());
    }
    if (f.completionTokens() > 0) {
      s.kongCompletionTokens.increment(f.completionTokens());
      s.outputTokens.record(f.completionTokens());
    }
    if (f.totalTokens() > 0) {
      s.kongTotalTokens.increment(f.totalTokens());
    }
    if (ctx.upstreamMillis() >= 0) {
      s.kongProviderLatency.record(ctx.upstreamMillis());
    }
    int status = ctx.status();
    long total = ctx.totalMillis();
    s.operationDuration(status >= 400 ? Labels.code(status) : "").record(total, TimeUnit.MILLISECONDS);
    if (status < 400 && !f.partial()) {
      s.serverDuration.record(total, TimeUnit.MILLISECONDS);
      if (f.streamed() && f.ttftMillis() >= 0) {
        s.timeToFirstToken.record(f.ttftMillis(), TimeUnit.MILLISECONDS);
      }
      if (f.tpotMillis() > 0) {
        s.timePerOutputToken.record(Math.round(f.tpotMillis() * 1_000_000), TimeUnit.NANOSECONDS);
      }
    }
  }
}
