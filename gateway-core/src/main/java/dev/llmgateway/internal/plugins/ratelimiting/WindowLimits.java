package dev.llmgateway.internal.plugins.ratelimiting;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The configured limits of one plugin: the periods that have a limit, shortest first, and each limit. */
public final class WindowLimits {
  private final Period[] periods;
  private final double[] limits;
  private final long[] whole;
  private final String[] texts;

  private WindowLimits(Period[] periods, double[] limits) {
    this.periods = periods;
    this.limits = limits;
    this.whole = new long[limits.length];
    this.texts = new String[limits.length];
    for (int i = 0; i < limits.length; i++) {
      whole[i] = (long) Math.floor(Math.min(limits[i], Long.MAX_VALUE / 2.0));
      texts[i] = RateLimitHeaders.number(limits[i]);
    }
  }

  /** The limits of a config, in period order. */
  public static WindowLimits of(Map<Period, Double> byPeriod) {
    List<Period> periods = new ArrayList<>();
    for (Period p : Period.all()) {
      if (byPeriod.containsKey(p)) {
        periods.add(p);
      }
    }
    double[] limits = new double[periods.size()];
    for (int i = 0; i < limits.length; i++) {
      limits[i] = byPeriod.get(periods.get(i));
    }
    return new WindowLimits(periods.toArray(new Period[0]), limits);
  }

  /** How many periods have a limit. */
  public int size() {
    return periods.length;
  }

  public Period period(int i) {
    return periods[i];
  }

  public double limit(int i) {
    return limits[i];
  }

  /** Limit {@code i} rounded down: no fraction of a request can pass. */
  long whole(int i) {
    return whole[i];
  }

  /** Limit {@code i} as the headers show it, made once. */
  String text(int i) {
    return texts[i];
  }
}
