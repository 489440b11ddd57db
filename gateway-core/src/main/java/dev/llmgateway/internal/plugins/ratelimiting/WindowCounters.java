package dev.llmgateway.internal.plugins.ratelimiting;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The counts of one identifier, one slot per {@link Period}. Each slot is a single {@code long} holding the index
 * of its current window and the requests counted in it ({@link Period#pack}), so a check-and-count is one
 * compare-and-set and a request landing in a later window resets the slot in the same step: no lock, no
 * allocation. With several windows a request is counted in each in turn and taken back out of those already
 * counted when a later one is full, so a refused request is counted nowhere and no window ever passes more than
 * its limit (while a request is taken back, a concurrent one may see that window one fuller for an instant).
 */
final class WindowCounters {
  private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(long[].class);
  private static final VarHandle PHASE;
  private static final int LIVE = 0;
  private static final int RETIRING = 1;
  private static final int RETIRED = 2;

  static {
    try {
      PHASE = MethodHandles.lookup().findVarHandle(WindowCounters.class, "phase", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final long[] slots = new long[Period.values().length];
  /** LIVE, then RETIRING while the sweeper decides, then RETIRED (for good) or LIVE again. */
  private volatile int phase;

  /**
   * Counts one request at {@code nowMillis} in every window of {@code limits} unless one is full; null when this
   * entry was retired (the caller counts it in a fresh one).
   */
  Usage acquire(WindowLimits limits, long nowMillis) {
    if (phase == RETIRED) {
      return null;
    }
    int n = limits.size();
    long[] counts = new long[n];
    long[] counted = n == 1 ? null : new long[n]; // the window index each count went into, to take it back
    for (int i = 0; i < n; i++) {
      Period p = limits.period(i);
      long index = p.windowIndex(nowMillis);
      long limit = limits.whole(i);
      int slot = p.ordinal();
      while (true) {
        long state = (long) SLOTS.getVolatile(slots, slot);
        long seen = p.indexOf(state);
        if (seen > index) {
          index = seen; // another thread's clock already reached the next window: count there
        }
        long count = seen == index ? p.countOf(state) : 0;
        if (count + 1 > limit || count >= p.maxCount()) {
          counts[i] = count;
          undo(limits, i, counted);
          for (int j = 0; j < i; j++) {
            counts[j]--; // as they were before this request, which is counted nowhere
          }
          for (int j = i + 1; j < n; j++) {
            counts[j] = current(limits.period(j), nowMillis);
          }
          return settled(Usage.of(counts, i));
        }
        if (SLOTS.compareAndSet(slots, slot, state, p.pack(index, count + 1))) {
          counts[i] = count + 1;
          if (counted != null) {
            counted[i] = index;
          }
          break;
        }
      }
    }
    return settled(Usage.of(counts, -1));
  }

  /** Takes the request back out of windows {@code 0..upTo-1}, unless a window has moved on meanwhile. */
  private void undo(WindowLimits limits, int upTo, long[] counted) {
    for (int i = 0; i < upTo; i++) {
      Period p = limits.period(i);
      long index = counted[i];
      int slot = p.ordinal();
      while (true) {
        long state = (long) SLOTS.getVolatile(slots, slot);
        if (p.indexOf(state) != index || p.countOf(state) == 0) {
          break;
        }
        if (SLOTS.compareAndSet(slots, slot, state, state - 1)) {
          break;
        }
      }
    }
  }

  /** The count of {@code p}'s window at {@code nowMillis}, without counting. */
  private long current(Period p, long nowMillis) {
    long state = (long) SLOTS.getVolatile(slots, p.ordinal());
    return p.indexOf(state) == p.windowIndex(nowMillis) ? p.countOf(state) : 0;
  }

  /** The usage, or null when the sweeper retired this entry while the request was being counted here. */
  private Usage settled(Usage usage) {
    int p;
    while ((p = (int) PHASE.getVolatile(this)) == RETIRING) {
      Thread.onSpinWait(); // the sweeper's decision is a few reads away
    }
    return p == RETIRED ? null : usage;
  }

  /** Retires this entry when every window it counted has ended by {@code nowMillis}; true when retired. */
  boolean retireIfIdle(long nowMillis) {
    if (!idle(nowMillis) || !PHASE.compareAndSet(this, LIVE, RETIRING)) {
      return false;
    }
    // A request that counted before this point is seen by this second look; one counting after it waits for
    // the decision and, if retired, counts again in a fresh entry.
    boolean retire = idle(nowMillis);
    PHASE.setVolatile(this, retire ? RETIRED : LIVE);
    return retire;
  }

  private boolean idle(long nowMillis) {
    for (Period p : Period.values()) {
      long state = (long) SLOTS.getVolatile(slots, p.ordinal());
      if (p.countOf(state) != 0 && p.indexOf(state) >= p.windowIndex(nowMillis)) {
        return false;
      }
    }
    return true;
  }
}
