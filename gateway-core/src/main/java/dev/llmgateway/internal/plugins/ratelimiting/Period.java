package dev.llmgateway.internal.plugins.ratelimiting;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A rate-limiting window: fixed and aligned to UTC calendar boundaries (the second, :00 of the minute, the hour,
 * 00:00 of the day, the 1st of the month, January 1st), with the names Kong uses in config and headers.
 */
public enum Period {
  SECOND("second", "Second", 1, 31),
  MINUTE("minute", "Minute", 60, 36),
  HOUR("hour", "Hour", 3600, 42),
  DAY("day", "Day", 86_400, 46),
  MONTH("month", "Month", 2_592_000, 46),
  YEAR("year", "Year", 31_536_000, 46);

  private static final long DAY_MILLIS = 86_400_000L;

  private static final Period[] ALL = values();

  private final String field;
  private final String limitHeader;
  private final String remainingHeader;
  private final long nominalSeconds;
  /**
   * The low bits of a packed counter slot that hold the count; the high bits hold the window index (epoch
   * seconds, minutes, hours or days: enough bits for every window until the 22nd century at least).
   */
  private final int countBits;
  /** MONTH and YEAR: the window of the last day asked about, so that a request needs no calendar arithmetic. */
  private volatile CalendarWindow lastWindow;

  Period(String field, String title, long nominalSeconds, int countBits) {
    this.field = field;
    this.limitHeader = "X-RateLimit-Limit-" + title;
    this.remainingHeader = "X-RateLimit-Remaining-" + title;
    this.nominalSeconds = nominalSeconds;
    this.countBits = countBits;
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
        long day = Math.floorDiv(epochMillis, DAY_MILLIS);
        CalendarWindow w = lastWindow;
        if (w == null || w.day != day) {
          w = new CalendarWindow(day, calendarStart(epochMillis));
          lastWindow = w; // a benign race: every thread computes the same value
        }
        return w.start;
    }
  }

  private long calendarStart(long epochMillis) {
    LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    LocalDate first = this == MONTH ? day.withDayOfMonth(1) : day.withDayOfYear(1);
    return first.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  /**
   * The index of the window holding {@code epochMillis}: epoch seconds, minutes, hours or days for the fixed
   * periods, the epoch day the month or year starts on for the calendar ones. Later windows have larger indexes.
   */
  long windowIndex(long epochMillis) {
    return switch (this) {
      case SECOND -> Math.floorDiv(epochMillis, 1000L);
      case MINUTE -> Math.floorDiv(epochMillis, 60_000L);
      case HOUR -> Math.floorDiv(epochMillis, 3_600_000L);
      case DAY -> Math.floorDiv(epochMillis, DAY_MILLIS);
      default -> Math.floorDiv(windowStart(epochMillis), DAY_MILLIS);
    };
  }

  /** A counter slot: window {@code index} holding {@code count} requests. */
  long pack(long index, long count) {
    return (index << countBits) | count;
  }

  /** The window index of a packed slot (0 for a slot never used). */
  long indexOf(long slot) {
    return slot >>> countBits;
  }

  /** The count of a packed slot. */
  long countOf(long slot) {
    return slot & maxCount();
  }

  /** The most requests one window's slot can count (far beyond what a node can serve in the window). */
  long maxCount() {
    return (1L << countBits) - 1;
  }

  /** The window of one UTC day for MONTH or YEAR. */
  private record CalendarWindow(long day, long start) {}

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
