package dev.llmgateway.internal.balancer;

import dev.llmgateway.balancer.BackPressure;

import dev.llmgateway.internal.proxy.ProxyHeaderRules;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The tries of one request at one upstream: each {@link #next()} picks a target with the upstream's algorithm,
 * preferring targets this request has not tried yet, and counts it in flight until its {@link Attempt} ends; the
 * {@code Host} header each try sends follows Kong's balancer ({@link #hostHeader()}). Owned by the request's IO
 * thread.
 */
public final class Tries {
  private final Pool pool;
  private final RequestFacts facts;
  private HashValue.Result hash;
  private Peer[] tried = new Peer[2];
  private int triedCount;
  private PeerAttempt current;
  private boolean tls;
  private String upstreamHostHeader;
  private String preservedHost;

  Tries(Pool pool, RequestFacts facts) {
    this.pool = pool;
    this.facts = facts;
    if (pool.algorithm instanceof ConsistentHashing) {
      hash = HashValue.of(pool.upstream, facts);
    }
  }

  /** Sets what the {@code Host} of each try is made of; see {@link #hostHeader()}. */
  Tries hostFor(boolean tls, String upstreamHostHeader, String preservedHost) {
    this.tls = tls;
    this.upstreamHostHeader = upstreamHostHeader;
    this.preservedHost = preservedHost;
    return this;
  }

  /** The next try, the previous one ended; null when no target may be chosen (Kong's 503). */
  public Attempt next() {
    if (current != null) {
      current.ended();
      current = null;
    }
    if (!pool.healthy()) {
      return null;
    }
    int i = pool.algorithm.pick(pool, this, false);
    if (i < 0 && triedCount > 0) {
      i = pool.algorithm.pick(pool, this, true);
    }
    if (i < 0) {
      return null;
    }
    Peer p = pool.peers[i];
    if (triedCount == tried.length) {
      tried = java.util.Arrays.copyOf(tried, tried.length * 2);
    }
    tried[triedCount++] = p;
    current = new PeerAttempt(p, p.inFlight.incrementAndGet());
    return current;
  }

  /** The target of the try in progress, or null. */
  public Peer peer() {
    return current == null ? null : current.peer;
  }

  /**
   * The {@code Host} header of the try in progress, as Kong sets it: the client's when the route preserves it,
   * else the upstream's {@code host_header} or the target's host, with {@code :port} unless the scheme's default.
   */
  public String hostHeader() {
    if (preservedHost != null) {
      return preservedHost;
    }
    Peer p = peer();
    if (p == null) {
      return null;
    }
    return ProxyHeaderRules.upstreamHost(upstreamHostHeader != null ? upstreamHostHeader : p.host(), p.port(), tls);
  }

  /** The {@code Set-Cookie} value consistent hashing wants on the response, or null. */
  public String setCookie() {
    return hash == null ? null : hash.setCookie();
  }

  /** Ends the try in progress, if any. */
  public void close() {
    if (current != null) {
      current.ended();
      current = null;
    }
  }

  boolean tried(Peer p) {
    for (int i = 0; i < triedCount; i++) {
      if (tried[i] == p) {
        return true;
      }
    }
    return false;
  }

  int hashIndex(int points) {
    return ConsistentHashing.index(hash == null ? "" : hash.value(), points);
  }

  /** Whether a target this request has not tried may take it now. */
  private boolean untriedUsable() {
    long now = System.nanoTime();
    for (int i = 0; i < pool.peers.length; i++) {
      if (pool.usable(i, this, false, now)) {
        return true;
      }
    }
    return false;
  }

  /** One try at one peer. */
  private final class PeerAttempt implements Attempt {
    private final Peer peer;
    private final long startNanos = System.nanoTime();
    private final int position;
    private boolean ended;

    PeerAttempt(Peer peer, int position) {
      this.peer = peer;
      this.position = position;
    }

    @Override
    public void connectFailed(boolean timeout) {
      peer.report(pool.policy.passive().counters(), timeout ? Outcome.TIMEOUT : Outcome.TCP_FAILURE,
          timeout ? "connect timed out" : "connection failed");
    }

    @Override
    public void reset() {
      peer.report(pool.policy.passive().counters(), Outcome.TCP_FAILURE, "connection closed before a response");
    }

    @Override
    public void timedOut() {
      peer.report(pool.policy.passive().counters(), Outcome.TIMEOUT, "response timed out");
    }

    @Override
    public boolean responded(int status, String retryAfter, boolean replayable) {
      HealthPolicy.Counters passive = pool.policy.passive().counters();
      BackPressure bp = pool.backPressure;
      boolean busy = bp.statuses().contains(status);
      if (status != 429 && passive.unhealthyStatuses().contains(status)) {
        peer.report(passive, Outcome.HTTP_FAILURE, "status " + status);
      } else if (passive.healthyStatuses().contains(status)) {
        peer.report(passive, Outcome.SUCCESS, "status " + status);
      }
      if (!busy) {
        return false;
      }
      long seconds = Math.min(RetryAfter.seconds(retryAfter, Instant.now()), bp.maxBenchSeconds());
      if (seconds > 0) {
        peer.bench(System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds));
      }
      return bp.retry() && replayable && untriedUsable();
    }

    @Override
    public void ended() {
      if (ended) {
        return;
      }
      ended = true;
      peer.inFlight.decrementAndGet();
      peer.sample(System.nanoTime() - startNanos, position);
      if (current == this) {
        current = null;
      }
    }
  }
}
