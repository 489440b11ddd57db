package dev.llmgateway.internal.balancer;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The active health checks of one upstream on this node: every {@code healthy.interval} the healthy targets are
 * probed, every {@code unhealthy.interval} the unhealthy ones, at most {@code concurrency} probes at a time, on
 * the balancer's probe threads (never an IO thread). Results count against the active thresholds; a target's
 * state changes are logged once each. Follows config changes with {@link #update}; {@link #stop} ends it.
 */
final class ActiveChecker {
  private final ScheduledExecutorService timer;
  private final ExecutorService probes;
  private volatile Pool pool;
  private ScheduledFuture<?> healthyRound;
  private ScheduledFuture<?> unhealthyRound;
  private double healthyInterval;
  private double unhealthyInterval;
  private volatile boolean stopped;
  private final java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();

  ActiveChecker(ScheduledExecutorService timer, ExecutorService probes, Pool pool) {
    this.timer = timer;
    this.probes = probes;
    update(pool);
  }

  /** Probes the targets of {@code next} from now on; the rounds are rescheduled when the intervals changed. */
  synchronized void update(Pool next) {
    pool = next;
    HealthPolicy.Active a = next.policy.active();
    if (healthyRound == null || a.healthyInterval() != healthyInterval) {
      cancel(healthyRound);
      healthyInterval = a.healthyInterval();
      healthyRound = schedule(healthyInterval, true);
    }
    if (unhealthyRound == null || a.unhealthyInterval() != unhealthyInterval) {
      cancel(unhealthyRound);
      unhealthyInterval = a.unhealthyInterval();
      unhealthyRound = schedule(unhealthyInterval, false);
    }
  }

  synchronized void stop() {
    stopped = true;
    cancel(healthyRound);
    cancel(unhealthyRound);
  }

  private ScheduledFuture<?> schedule(double seconds, boolean healthyOnes) {
    if (seconds <= 0) {
      return null;
    }
    long millis = Math.max(1, Math.round(seconds * 1000));
    return timer.scheduleAtFixedRate(() -> round(healthyOnes), millis, millis, TimeUnit.MILLISECONDS);
  }

  private static void cancel(ScheduledFuture<?> f) {
    if (f != null) {
      f.cancel(false);
    }
  }

  /**
   * Starts a probe of every target in the given state that is not being probed already, at most
   * {@code concurrency} at a time; does not wait, so a slow target does not delay the others' next round.
   */
  private void round(boolean healthyOnes) {
    Pool p = pool;
    for (Peer peer : p.peers) {
      if (stopped || peer.healthy() != healthyOnes || !peer.probing.compareAndSet(false, true)) {
        continue;
      }
      if (running.incrementAndGet() > Math.max(1, p.policy.active().concurrency())) {
        running.decrementAndGet();
        peer.probing.set(false);
        return;
      }
      try {
        probes.execute(() -> {
          try {
            probe(p, peer);
          } finally {
            running.decrementAndGet();
            peer.probing.set(false);
          }
        });
      } catch (java.util.concurrent.RejectedExecutionException e) {
        running.decrementAndGet();
        peer.probing.set(false);
        return;
      }
    }
  }

  private void probe(Pool p, Peer peer) {
    if (stopped) {
      return;
    }
    HealthPolicy.Active a = p.policy.active();
    HealthPolicy.Counters c = a.counters();
    int timeout = (int) Math.max(1, Math.round(a.timeoutSeconds() * 1000));
    try {
      if (a.type().equals("tcp")) {
        Probe.tcp(peer.host, peer.port, timeout);
        peer.report(c, Outcome.SUCCESS, "active check: connected");
        return;
      }
      boolean tls = a.type().equals("https") || a.type().equals("grpcs");
      Probe.Answer answer = Probe.get(peer.host, peer.port, tls, a.verify(), a.httpsSni(), a.httpPath(),
          a.headers(), timeout);
      if (c.healthyStatuses().contains(answer.status())) {
        peer.report(c, Outcome.SUCCESS, "active check: status " + answer.status());
      } else if (c.unhealthyStatuses().contains(answer.status())) {
        peer.report(c, Outcome.HTTP_FAILURE, "active check: status " + answer.status());
      }
    } catch (SocketTimeoutException e) {
      peer.report(c, Outcome.TIMEOUT, "active check: timed out");
    } catch (IOException | RuntimeException e) {
      peer.report(c, Outcome.TCP_FAILURE, "active check: " + (e.getMessage() == null
          ? e.getClass().getSimpleName() : e.getMessage()));
    }
  }
}
