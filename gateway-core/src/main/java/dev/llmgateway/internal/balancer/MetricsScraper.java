package dev.llmgateway.internal.balancer;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reads the engine load of each target of one {@code least-load} upstream from its Prometheus {@code /metrics}
 * on an interval, on the probe threads. A target that cannot be read keeps no engine load, so it is balanced on
 * in-flight counts until it can be read again (logged once each way).
 */
final class MetricsScraper {
  private final ExecutorService probes;
  private final ScheduledFuture<?> round;
  private final String path;
  private final long intervalMillis;
  private volatile Pool pool;

  MetricsScraper(ScheduledExecutorService timer, ExecutorService probes, Pool pool, String path, long intervalMillis) {
    this.probes = probes;
    this.pool = pool;
    this.path = path;
    this.intervalMillis = intervalMillis;
    pool.state.metricsInterval(TimeUnit.MILLISECONDS.toNanos(intervalMillis));
    this.round = timer.scheduleWithFixedDelay(this::round, 0, intervalMillis, TimeUnit.MILLISECONDS);
  }

  void update(Pool next) {
    pool = next;
  }

  void stop() {
    round.cancel(false);
  }

  private void round() {
    Pool p = pool;
    for (Peer peer : p.peers) {
      try {
        probes.execute(() -> read(peer));
      } catch (java.util.concurrent.RejectedExecutionException e) {
        return;
      }
    }
  }

  private void read(Peer peer) {
    int inFlight = peer.inFlight.get();
    try {
      Probe.Answer a = Probe.get(peer.host, peer.port, false, true, null, path, Map.of(),
          (int) Math.max(200, intervalMillis));
      if (a.status() != 200) {
        peer.engineLoad(null, "status " + a.status());
        return;
      }
      EngineLoad load = EngineMetrics.parse(a.body(), inFlight, System.nanoTime());
      peer.engineLoad(load, "no vLLM or SGLang queue metrics");
    } catch (java.io.IOException | RuntimeException e) {
      peer.engineLoad(null, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
  }
}
