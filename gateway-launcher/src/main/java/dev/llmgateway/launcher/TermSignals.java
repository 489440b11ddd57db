package dev.llmgateway.launcher;

import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * Catches SIGTERM and SIGINT so that the gateway drains and exits 0 instead of dying with status 143: the first
 * signal starts {@code drain} on its own thread, a second one runs {@code stopNow}. The JDK has no supported API
 * for handling TERM (shutdown hooks run after the decision to exit, with status 143), hence {@code sun.misc.Signal}
 * from {@code jdk.unsupported} and javac's expected "internal proprietary API" warning.
 */
final class TermSignals {
  private TermSignals() {}

  static void install(Runnable drain, Runnable stopNow) {
    AtomicBoolean first = new AtomicBoolean(true);
    sun.misc.SignalHandler handler = signal -> {
      if (first.getAndSet(false)) {
        Thread t = new Thread(drain, "gateway-drain");
        t.setDaemon(false);
        t.start();
      } else {
        stopNow.run();
      }
    };
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        Signal.handle(new Signal(name), handler);
      } catch (IllegalArgumentException e) {
        // the signal does not exist on this platform (or the JVM reserved it with -Xrs): keep its default
      }
    }
  }
}
