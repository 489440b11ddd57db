package dev.llmgateway.launcher;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations as written on a command line: {@code 30} or {@code 30s} (seconds), {@code 500ms}, {@code 2m}. */
final class DurationText {
  private static final Pattern FORM = Pattern.compile("(\\d{1,9})(ms|s|m)?");

  private static final Duration MAX = Duration.ofDays(1);

  private DurationText() {}

  /** The duration of {@code text}; throws with a one-line reason when it is not one of the forms above. */
  static Duration parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 30s, 500ms, 2m)");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    Duration d = switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofSeconds(n);
    };
    if (d.compareTo(MAX) > 0) { // also keeps every later conversion to nanoseconds from overflowing
      throw new IllegalArgumentException("'" + text + "' is too long (at most 1440m, one day)");
    }
    return d;
  }

  /** The short form of {@code d} for messages: {@code 30s}, {@code 500ms}. */
  static String format(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
