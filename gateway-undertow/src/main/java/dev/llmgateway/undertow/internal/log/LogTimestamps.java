package dev.llmgateway.undertow.internal.log;

import java.time.Instant;

/**
 * ISO-8601 UTC timestamps with milliseconds, for the one thread that formats log lines: the text up to the second
 * is built once per second, since consecutive lines almost always share it.
 */
final class LogTimestamps {
  private long second = Long.MIN_VALUE;
  private String prefix;

  /** Appends {@code 2026-11-27T05:31:30.042Z}. */
  void append(long epochMillis, StringBuilder b) {
    long s = Math.floorDiv(epochMillis, 1000);
    if (s != second) {
      String whole = Instant.ofEpochSecond(s).toString(); // ends in "Z", no fraction
      prefix = whole.substring(0, whole.length() - 1) + '.';
      second = s;
    }
    int millis = Math.floorMod(epochMillis, 1000);
    b.append(prefix).append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10))
        .append((char) ('0' + millis % 10)).append('Z');
  }
}
