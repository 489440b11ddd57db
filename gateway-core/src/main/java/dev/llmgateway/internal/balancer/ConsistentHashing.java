package dev.llmgateway.internal.balancer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.zip.CRC32;

/**
 * Kong's Ketama-style consistent hashing: a continuum of {@code slots} points (1,000 when fewer), each target
 * owning points in proportion to its weight (160 per target at equal weights) at positions hashed from its
 * address. A request's hash value lands on a point; the walk goes down from there to the first usable target.
 * Adding a target takes over only its own points, so about 1/N of the keys move.
 */
final class ConsistentHashing implements Algorithm {
  static final int MIN_POINTS = 1000;
  static final int POINTS_PER_TARGET = 160;

  private final int[] continuum;

  ConsistentHashing(Pool pool) {
    int slots = pool.upstreamSlots();
    int points = slots >= MIN_POINTS ? slots : MIN_POINTS;
    continuum = new int[points];
    Arrays.fill(continuum, -1);
    long total = 0;
    for (int w : pool.weights) {
      total += w;
    }
    Integer[] order = new Integer[pool.peers.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    // Sorted by address so that collisions resolve the same way whatever the order of the targets.
    Arrays.sort(order, Comparator.comparing((Integer i) -> pool.peers[i].host).thenComparingInt(i -> pool.peers[i].port));
    int count = pool.peers.length;
    for (int i : order) {
      int weight = pool.weights[i];
      if (weight == 0) {
        continue;
      }
      long entries = (long) Math.floor((double) weight / total * count * POINTS_PER_TARGET);
      entries = Math.max(1, entries);
      String name = pool.peers[i].address + " ";
      long placed = 0;
      for (long n = 1; placed < entries && n <= 4L * points; n++) { // a taken point moves on to the next name
        int index = index(name + n, points);
        if (continuum[index] < 0) {
          continuum[index] = i;
          placed++;
        }
      }
    }
  }

  /** The continuum point a value hashes to. */
  static int index(String value, int points) {
    CRC32 crc = new CRC32();
    crc.update(value.getBytes(StandardCharsets.UTF_8));
    int h = (int) crc.getValue();
    // murmur3's finalizer: CRC32 alone clusters close inputs such as "host:port 1", "host:port 2".
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return Integer.remainderUnsigned(h, points);
  }

  @Override
  public int pick(Pool pool, Tries tries, boolean allowTried) {
    int points = continuum.length;
    int index = tries.hashIndex(points);
    long now = System.nanoTime();
    for (int k = 0; k < points; k++) {
      int peer = continuum[index];
      if (peer >= 0 && pool.usable(peer, tries, allowTried, now)) {
        return peer;
      }
      index = index == 0 ? points - 1 : index - 1;
    }
    return -1;
  }
}
