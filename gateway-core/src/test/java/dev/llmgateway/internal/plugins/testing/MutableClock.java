package dev.llmgateway.internal.plugins.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests set and move by hand (window roll-over, ttl expiry), thread-safe. */
public final class MutableClock extends Clock {
  private volatile long millis;

  public MutableClock(Instant start) {
    this.millis = start.toEpochMilli();
  }

  public void set(Instant instant) {
    millis = instant.toEpochMilli();
  }

  public void advanceMillis(long delta) {
    millis += delta;
  }

  @Override
  public long millis() {
    return millis;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
