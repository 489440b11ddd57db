package dev.llmgateway.internal.store;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test switch for crash-consistency tests: with the system property
 * {@code llmgateway.store.crashAt=<point>[:<n>]} the JVM halts (no shutdown hooks, like {@code kill -9}) the n-th
 * time (default first) the store passes that point. Unset in production, where every check is one field read.
 */
final class CrashSwitch {
  /** Points in the store's write sequences. */
  enum Point {
    /** The snapshot temp file is written but not yet fsynced. */
    SNAPSHOT_WRITTEN("snapshot-written"),
    /** The snapshot temp file is fsynced but not yet renamed. */
    SNAPSHOT_SYNCED("snapshot-synced"),
    /** The snapshot is renamed into place; the directory is not yet synced, the log not yet reset. */
    SNAPSHOT_RENAMED("snapshot-renamed"),
    /** Log lines are written but not yet fsynced. */
    LOG_WRITTEN("log-written"),
    /** Log lines are fsynced; the writer has not acknowledged them yet. */
    LOG_SYNCED("log-synced");

    final String label;

    Point(String label) {
      this.label = label;
    }
  }

  private static final String SETTING = System.getProperty("llmgateway.store.crashAt");
  private static final AtomicInteger PASSES = new AtomicInteger();

  private CrashSwitch() {}

  static void at(Point point) {
    if (SETTING == null) {
      return;
    }
    String[] parts = SETTING.split(":");
    if (parts[0].equals(point.label)) {
      int n = parts.length > 1 ? Integer.parseInt(parts[1]) : 1;
      if (PASSES.incrementAndGet() >= n) {
        Runtime.getRuntime().halt(137);
      }
    }
  }
}
