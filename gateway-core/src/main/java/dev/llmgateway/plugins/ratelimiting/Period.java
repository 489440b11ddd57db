package dev.llmgateway.plugins.ratelimiting;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A rate-limiting window: fixed and aligned to UTC calendar boundaries (the second, :00 of the minute, the hour,
 * 00:00 of the day, the 1st of the month, January 1st), with the names Kong uses in config and headers.
 */
public enum Period {
  SECOND("second", "Second", 1),
  MINUTE("minute", "Minute", 60),
  HOUR("hour", "Hour", 3600),
  DAY("day", "Day", 86_400),
  MONTH("month", "Month", 2_592_000),
  YEAR("year", "Year", 31_536_000);

  private static final Period[] ALL = values();

  private final String field;
  private final String limitHeader;
  private final String remainingHeader;
  private final long nominalSeconds;

  Period(String field, String title, long nominalSeconds) {
    this.field = field;
    this.limitHeader = "X-RateLimit-Limit-" + title;
    this.remainingHeader = "X-RateLimit-Remaining-" + title;
    this.nominalSeconds = nominalSeconds;
  }

  /** Every period, shortest first. */
  public static Period[] all() {
    return ALL.clone();
  }

  /** The config field, such as {@code minute}. */
  public String field() {
    return field;
  }

  /** {@code X-RateLimit-Limit-Minute} and so on. */
  public String limitHeader() {
    return limitHeader;
  }

  /** {@code X-RateLimit-Remaining-Minute} and so on. */
  public String remainingHeader() {
    return remainingHeader;
  }

  /** Kong's window length for {@code RateLimit-Reset}: months count as 30 days and years as 365. */
  public long nominalSeconds() {
    return nominalSeconds;
  }

  /** The start of the window holding {@code epochMillis}, in epoch milliseconds. */
  public long windowStart(long epochMillis) {
    switch (this) {
      case SECOND:
      case MINUTE:
      case HOUR:
      case DAY:
        long size = nominalSeconds * 1000;
        return Math.floorDiv(epochMillis, size) * size;
      default:
        LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
        LocalDate first = this == MONTH ? day.withDayOfMonth(1) : day.withDayOfYear(1);
        return first.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
  }

  /** The end (exclusive) of the window starting at {@code windowStart}, in epoch milliseconds. */
  public long windowEnd(long windowStart) {
    switch (this) {
      case MONTH:
      case YEAR:
        LocalDate first = LocalDate.ofInstant(Instant.ofEpochMilli(windowStart), ZoneOffset.UTC);
        LocalDate next = this == MONTH ? first.plusMonths(1) : first.plusYears(1);
        return next.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      default:
        return windowStart + nominalSeconds * 1000;
    }
  }
}
