package dev.llmgateway.internal.balancer;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What this node keeps about one upstream across config snapshots: its targets' {@link Peer}s by address, the
 * round-robin turn, and how fresh engine metrics must be to count.
 */
final class UpstreamState {
  final UUID id;
  final ConcurrentMap<String, Peer> peers = new ConcurrentHashMap<>();
  final AtomicLong turn = new AtomicLong();
  private volatile long metricsFreshNanos = 3_000_000_000L;

  UpstreamState(UUID id) {
    this.id = id;
  }

  Peer peer(String upstreamName, String host, int port) {
    return peers.computeIfAbsent(host + ":" + port, a -> new Peer(upstreamName, host, port));
  }

  long metricsFreshNanos() {
    return metricsFreshNanos;
  }

  void metricsInterval(long nanos) {
    metricsFreshNanos = 3 * nanos;
  }
}
