package dev.llmgateway.internal.balancer;

import dev.llmgateway.balancer.BackPressure;

import dev.llmgateway.internal.config.ConfigSnapshot;
import dev.llmgateway.internal.config.UpstreamTargets;
import dev.llmgateway.entity.Service;
import dev.llmgateway.entity.Upstream;
import dev.llmgateway.schema.Row;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * This node's balancing of every upstream: picks targets for requests ({@link #tries}), keeps each target's
 * health and load outside the config snapshots (keyed by upstream id and target address, so they survive
 * unrelated config changes), runs one active checker and, for {@code least-load}, one metrics scraper per
 * upstream that needs them, and stops them when the upstream goes. Probes and scrapes run on its own daemon
 * threads, never on IO threads; the pick itself never blocks and never locks.
 */
public final class Balancer implements AutoCloseable {
  private static final Object POOLS = new Object();

  private final Supplier<ConfigSnapshot> config;
  private final BackPressure backPressure;
  private final Duration metricsInterval;
  private final String metricsPath;
  private final Map<UUID, UpstreamState> states = new ConcurrentHashMap<>();
  private final Map<UUID, ActiveChecker> checkers = new HashMap<>();
  private final Map<UUID, MetricsScraper> scrapers = new HashMap<>();
  private final ScheduledExecutorService timer;
  private final ExecutorService probes;
  private ConfigSnapshot reconciled;

  /**
   * @param config the live configuration, watched for upstreams to check
   * @param metricsInterval how often {@code least-load} upstreams read their targets' {@code metricsPath}
   */
  public Balancer(Supplier<ConfigSnapshot> config, BackPressure backPressure, Duration metricsInterval,
      String metricsPath) {
    this.config = Objects.requireNonNull(config, "config");
    this.backPressure = Objects.requireNonNull(backPressure, "backPressure");
    this.metricsInterval = metricsInterval;
    this.metricsPath = metricsPath;
    this.timer = Executors.newScheduledThreadPool(2, daemon("balancer-timer"));
    this.probes = Executors.newFixedThreadPool(8, daemon("balancer-probe"));
    timer.scheduleWithFixedDelay(this::reconcileSafely, 0, 200, TimeUnit.MILLISECONDS);
  }

  /** A balancer with the default back-pressure rules and engine metrics read every second from /metrics. */
  public Balancer(Supplier<ConfigSnapshot> config) {
    this(config, BackPressure.DEFAULT, Duration.ofSeconds(1), "/metrics");
  }

  /**
   * The tries of one request to {@code service}, when its host names an Upstream entity of {@code snapshot};
   * null when it names a host to call directly (nothing to balance).
   *
   * @param preservedHost the client's {@code Host} when the route preserves it, else null
   */
  public Tries tries(ConfigSnapshot snapshot, Service service, String preservedHost, RequestFacts facts) {
    UpstreamTargets upstream = snapshot.upstream(service.host());
    if (upstream == null) {
      return null;
    }
    return new Tries(pool(snapshot, upstream), facts).hostFor(service.isTls(), upstream.upstream().hostHeader(),
        preservedHost);
  }

  Pool pool(ConfigSnapshot snapshot, UpstreamTargets upstream) {
    Map<UUID, Pool> pools = snapshot.derived(POOLS, c -> new ConcurrentHashMap<UUID, Pool>());
    Pool p = pools.get(upstream.upstream().id());
    if (p == null) {
      p = pools.computeIfAbsent(upstream.upstream().id(), id -> new Pool(upstream.upstream(), upstream.targets(),
          states.computeIfAbsent(id, UpstreamState::new), backPressure));
    }
    return p;
  }

  /** The health of one upstream's targets for the Admin API; null when the snapshot has no such upstream. */
  public UpstreamHealth health(ConfigSnapshot snapshot, String upstreamName) {
    UpstreamTargets u = snapshot.upstream(upstreamName);
    return u == null ? null : new UpstreamHealth(pool(snapshot, u));
  }

  /**
   * Marks a target of an upstream healthy or unhealthy by hand (Kong's {@code PUT .../healthy}); {@code address}
   * narrows a name target to one of its addresses (ours are used as configured). False when not a live target.
   */
  public boolean setHealth(ConfigSnapshot snapshot, String upstreamName, String target, boolean healthy) {
    UpstreamTargets u = snapshot.upstream(upstreamName);
    if (u == null) {
      return false;
    }
    Pool p = pool(snapshot, u);
    for (Peer peer : p.peers) {
      if (peer.address.equals(target)) {
        peer.set(healthy, "set through the Admin API");
        return true;
      }
    }
    return false;
  }

  private void reconcileSafely() {
    try {
      reconcile();
    } catch (RuntimeException e) {
      System.getLogger("dev.llmgateway.balancer").log(System.Logger.Level.ERROR, "balancer reconcile failed", e);
    }
  }

  /** Starts, updates and stops checkers and scrapers to match the live configuration; drops gone state. */
  synchronized void reconcile() {
    ConfigSnapshot snapshot = config.get();
    if (snapshot == reconciled) {
      return;
    }
    reconciled = snapshot;
    Set<UUID> live = new HashSet<>();
    for (Row row : snapshot.configuration().rows(Upstream.TYPE)) {
      Upstream upstream = Upstream.of(row);
      UpstreamTargets targets = snapshot.upstream(upstream.name());
      if (targets == null) {
        continue;
      }
      live.add(upstream.id());
      Pool p = pool(snapshot, targets);
      Set<String> addresses = new HashSet<>();
      for (Peer peer : p.peers) {
        addresses.add(peer.address);
      }
      p.state.peers.keySet().retainAll(addresses);
      reconcileChecker(upstream.id(), p);
      reconcileScraper(upstream.id(), p);
    }
    states.keySet().retainAll(live);
    checkers.entrySet().removeIf(e -> {
      if (!live.contains(e.getKey())) {
        e.getValue().stop();
        return true;
      }
      return false;
    });
    scrapers.entrySet().removeIf(e -> {
      if (!live.contains(e.getKey())) {
        e.getValue().stop();
        return true;
      }
      return false;
    });
  }

  private void reconcileChecker(UUID id, Pool p) {
    ActiveChecker checker = checkers.get(id);
    if (!p.policy.active().on()) {
      if (checker != null) {
        checker.stop();
        checkers.remove(id);
      }
      return;
    }
    if (checker == null) {
      checkers.put(id, new ActiveChecker(timer, probes, p));
    } else {
      checker.update(p);
    }
  }

  private void reconcileScraper(UUID id, Pool p) {
    MetricsScraper scraper = scrapers.get(id);
    if (!(p.algorithm instanceof LeastLoad)) {
      if (scraper != null) {
        scraper.stop();
        scrapers.remove(id);
      }
      return;
    }
    if (scraper == null) {
      scrapers.put(id, new MetricsScraper(timer, probes, p, metricsPath, metricsInterval.toMillis()));
    } else {
      scraper.update(p);
    }
  }

  /** The number of upstreams with active checks running, for tests. */
  synchronized int activeCheckers() {
    return checkers.size();
  }

  /** Stops every checker and scraper and their threads. */
  @Override
  public synchronized void close() {
    checkers.values().forEach(ActiveChecker::stop);
    scrapers.values().forEach(MetricsScraper::stop);
    checkers.clear();
    scrapers.clear();
    timer.shutdownNow();
    probes.shutdownNow();
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
