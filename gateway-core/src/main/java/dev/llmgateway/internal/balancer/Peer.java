package dev.llmgateway.internal.balancer;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One target of one upstream as this node sees it: its health (shared by probes, proxied traffic and manual
 * overrides, as Kong's healthchecker shares its counters), requests in flight including open streams, the
 * response-time average, a back-pressure bench, and the engine's own load. Outlives config snapshots: a change
 * that keeps the target's address keeps this state. Lock-free; read and updated from any thread.
 */
public final class Peer {
  private static final System.Logger LOG = System.getLogger("dev.llmgateway.balancer");

  final String upstreamName;
  final String host;
  final int port;
  final String address;
  final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicBoolean healthy = new AtomicBoolean(true);
  private final AtomicInteger successes = new AtomicInteger();
  private final AtomicInteger tcpFailures = new AtomicInteger();
  private final AtomicInteger timeouts = new AtomicInteger();
  private final AtomicInteger httpFailures = new AtomicInteger();
  /** How fast the per-request cost follows new samples: about the last ten requests count. */
  static final double COST_ALPHA = 0.1;
  private final java.util.concurrent.atomic.AtomicLong unitCost = new java.util.concurrent.atomic.AtomicLong();
  final AtomicReference<Ewma> latency = new AtomicReference<>(new Ewma(0, System.nanoTime()));
  volatile long benchedUntil;
  volatile boolean benched;
  volatile EngineLoad load;
  private volatile boolean metricsFailing;
  /** Set while an active probe of this target runs, so that rounds never stack probes on a slow target. */
  final AtomicBoolean probing = new AtomicBoolean();

  Peer(String upstreamName, String host, int port) {
    this.upstreamName = upstreamName;
    this.host = host;
    this.port = port;
    this.address = host + ":" + port;
  }

  /** {@code host:port} as Kong writes targets. */
  public String address() {
    return address;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  /** Whether the target takes traffic as far as health goes (back-pressure benches aside). */
  public boolean healthy() {
    return healthy.get();
  }

  /** Requests at this target right now, open streams included. */
  public int inFlight() {
    return inFlight.get();
  }

  /** Whether a {@code Retry-After} still keeps new requests away at {@code now}. */
  boolean isBenched(long now) {
    if (!benched) {
      return false;
    }
    if (benchedUntil - now > 0) {
      return true;
    }
    benched = false;
    return false;
  }

  void bench(long untilNanos) {
    benchedUntil = untilNanos;
    benched = true;
  }

  /**
   * Counts one outcome against the thresholds of its source, flipping the health when a counter reaches its
   * threshold (0 disables a counter). A success clears the failure counters and a failure the successes.
   */
  void report(HealthPolicy.Counters c, Outcome outcome, String reason) {
    if (outcome == Outcome.SUCCESS) {
      tcpFailures.set(0);
      timeouts.set(0);
      httpFailures.set(0);
      if (!healthy.get() && c.successes() > 0 && successes.incrementAndGet() >= c.successes()) {
        set(true, reason);
      }
      return;
    }
    successes.set(0);
    AtomicInteger counter;
    int threshold;
    switch (outcome) {
      case TCP_FAILURE -> {
        counter = tcpFailures;
        threshold = c.tcpFailures();
      }
      case TIMEOUT -> {
        counter = timeouts;
        threshold = c.timeouts();
      }
      default -> {
        counter = httpFailures;
        threshold = c.httpFailures();
      }
    }
    if (threshold > 0 && healthy.get() && counter.incrementAndGet() >= threshold) {
      set(false, reason);
    }
  }

  /** Sets the health; a change is logged once, with its reason, and restarts the counters. */
  boolean set(boolean toHealthy, String reason) {
    if (!healthy.compareAndSet(!toHealthy, toHealthy)) {
      return false;
    }
    successes.set(0);
    tcpFailures.set(0);
    timeouts.set(0);
    httpFailures.set(0);
    LOG.log(toHealthy ? System.Logger.Level.INFO : System.Logger.Level.WARNING,
        "upstream " + upstreamName + " target " + address + " is " + (toHealthy ? "HEALTHY" : "UNHEALTHY")
            + ": " + reason);
    return true;
  }

  /**
   * Records a response time (Kong's latency algorithm) and, divided by the requests the target had in flight when
   * this one started ({@code position}, itself included), the time one request costs it: by Little's law the
   * inverse of its throughput, which {@code least-load} uses to tell a slow replica from a busy one.
   */
  void sample(long rttNanos, int position) {
    long now = System.nanoTime();
    latency.updateAndGet(e -> new Ewma(e.at(now, rttNanos), now));
    double cost = (double) rttNanos / Math.max(1, position);
    long prev;
    long next;
    do {
      prev = unitCost.get();
      double u = Double.longBitsToDouble(prev);
      next = Double.doubleToRawLongBits(u == 0 ? cost : u + COST_ALPHA * (cost - u));
    } while (!unitCost.compareAndSet(prev, next));
  }

  /** The average time one request costs this target, in nanoseconds; 0 before any sample. */
  double unitCost() {
    return Double.longBitsToDouble(unitCost.get());
  }

  /** The response-time average decayed to now. */
  double latencyNanos(long now) {
    return latency.get().at(now, 0);
  }

  /** Records a metrics read, logging only when readability changes. */
  void engineLoad(EngineLoad read, String failure) {
    if (read != null) {
      load = read;
      if (metricsFailing) {
        metricsFailing = false;
        LOG.log(System.Logger.Level.INFO, "upstream " + upstreamName + " target " + address
            + ": engine metrics readable again");
      }
      return;
    }
    load = null;
    if (!metricsFailing) {
      metricsFailing = true;
      LOG.log(System.Logger.Level.WARNING, "upstream " + upstreamName + " target " + address
          + ": engine metrics unreadable, balancing on in-flight counts: " + failure);
    }
  }

  static int random(int bound) {
    return ThreadLocalRandom.current().nextInt(bound);
  }

  @Override
  public String toString() {
    return address;
  }
}
