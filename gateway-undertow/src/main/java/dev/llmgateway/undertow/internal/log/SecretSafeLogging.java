package dev.llmgateway.undertow.internal.log;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps third-party loggers that print request header values or paths (Undertow's HTTP client traces every
 * upstream header, {@code Authorization} and {@code apikey} included; its client and request loggers print paths,
 * and {@code /key-auths/{key}} carries a key) at INFO or quieter, even when the whole gateway runs at TRACE for
 * debugging: a key must never reach a log. The loggers are held here so the JDK keeps their level. (Undertow's
 * request logger also names the path at ERROR when a handler throws; the gateway's handlers catch everything and
 * answer with Kong's error body instead, so that line does not happen.)
 */
public final class SecretSafeLogging {
  /** Loggers whose TRACE/DEBUG output contains header values or request paths. */
  static final List<Logger> PINNED = List.of(Logger.getLogger("io.undertow.client"),
      Logger.getLogger("io.undertow.client.request"), Logger.getLogger("io.undertow.request"),
      Logger.getLogger("io.undertow.server.HttpServerExchange"));

  private SecretSafeLogging() {}

  /**
   * Undertow's HTTP client logs a stack trace at ERROR for every upstream response it cannot parse; the gateway
   * logs each upstream fault itself, as one line naming the request, route and target.
   */
  static final Logger UPSTREAM_CLIENT = Logger.getLogger("io.undertow.client");

  /** Caps the pinned loggers at INFO and silences the upstream client's own fault reports; idempotent. */
  public static void apply() {
    UPSTREAM_CLIENT.setLevel(Level.OFF);
    for (Logger l : PINNED) {
      Level current = l.getLevel();
      if (current == null || current.intValue() < Level.INFO.intValue()) {
        l.setLevel(Level.INFO);
      }
    }
  }
}
