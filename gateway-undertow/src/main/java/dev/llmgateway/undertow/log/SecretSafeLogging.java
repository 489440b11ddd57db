package dev.llmgateway.undertow.log;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps third-party loggers that print request header values (Undertow's HTTP client traces every upstream
 * header, {@code Authorization} and {@code apikey} included) at INFO or quieter, even when the whole gateway runs
 * at TRACE for debugging: a key must never reach a log. The loggers are held here so the JDK keeps their level.
 */
public final class SecretSafeLogging {
  /** Loggers whose TRACE/DEBUG output contains header values. */
  static final List<Logger> PINNED = List.of(Logger.getLogger("io.undertow.client.request"));

  private SecretSafeLogging() {}

  /** Caps the pinned loggers at INFO; idempotent. */
  public static void apply() {
    for (Logger l : PINNED) {
      Level current = l.getLevel();
      if (current == null || current.intValue() < Level.INFO.intValue()) {
        l.setLevel(Level.INFO);
      }
    }
  }
}
