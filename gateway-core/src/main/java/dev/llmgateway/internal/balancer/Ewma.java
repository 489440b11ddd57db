package dev.llmgateway.internal.balancer;

/**
 * Kong's decaying average of a target's response time: each sample weighs {@code 1 - e^(-dt/10s)} against the
 * past, and the average decays towards 0 while the target is idle, so a target that was slow once is tried again.
 */
record Ewma(double nanos, long touchedNanos) {
  static final double DECAY_NANOS = 10e9;

  /** The average at {@code now} after a sample of {@code rtt} (0 to only decay). */
  double at(long now, double rtt) {
    double dt = Math.max(0, now - touchedNanos);
    double w = Math.exp(-dt / DECAY_NANOS);
    return nanos * w + rtt * (1 - w);
  }
}
