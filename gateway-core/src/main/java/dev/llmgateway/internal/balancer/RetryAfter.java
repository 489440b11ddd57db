package dev.llmgateway.internal.balancer;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** A {@code Retry-After} value (delay-seconds or HTTP-date) as a delay in seconds. */
final class RetryAfter {
  private RetryAfter() {}

  /** The delay in seconds, 0 when absent or unreadable, never negative. */
  static long seconds(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return 0;
    }
    String v = value.trim();
    if (v.chars().allMatch(Character::isDigit)) {
      try {
        return Long.parseLong(v);
      } catch (NumberFormatException e) {
        return Long.MAX_VALUE; // absurdly many digits: capped by the caller
      }
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Math.max(0, at.getEpochSecond() - now.getEpochSecond());
    } catch (DateTimeParseException e) {
      return 0;
    }
  }
}
