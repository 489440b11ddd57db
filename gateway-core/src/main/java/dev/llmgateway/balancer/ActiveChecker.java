package dev.llmgateway.balancer;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
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
    return timer.scheduleWithFixedDelay(() -> round(healthyOnes), millis, millis, TimeUnit.MILLISECONDS);
  }

  private static void cancel(ScheduledFuture<?> f) {
    if (f != null) {
      f.cancel(false);
    }
  }

  /** Probes every target in the given state and waits for them, so rounds never pile up. */
  private void round(boolean healthyOnes) {
    Pool p = pool;
    HealthPolicy.Active a = p.policy.active();
    Semaphore slots = new Semaphore(Math.max(1, a.concurrency()));
    java.util.List<java.util.concurrent.Future<?>> running = new java.util.ArrayList<>();
    for (Peer peer : p.peers) {
      if (stopped || peer.healthy() != healthyOnes) {
        continue;
      }
      try {
        slots.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      try {
        running.add(probes.submit(() -> {
          try {
            probe(p, peer);
          } finally {
            slots.release();
          }
        }));
      } catch (java.util.concurrent.RejectedExecutionException e) {
        slots.release();
        return;
      }
    }
    for (java.util.concurrent.Future<?> f : running) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (java.util.concurrent.ExecutionException e) {
        // a probe that threw counted nothing; the next round tries again
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
