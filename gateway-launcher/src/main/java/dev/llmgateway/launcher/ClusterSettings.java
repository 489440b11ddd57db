package dev.llmgateway.launcher;

import dev.llmgateway.cluster.internal.postgres.PgFailure;
import dev.llmgateway.cluster.internal.postgres.PgSettings;
import java.util.Map;
import java.util.Objects;

/**
 * Cluster mode's settings: the database and, for error lines, which flag or variable set each option (so that
 * "password refused" names {@code KONG_PG_PASSWORD} when that is what the user set).
 */
record ClusterSettings(PgSettings pg, Map<String, String> sourceNames) {
  ClusterSettings {
    Objects.requireNonNull(pg, "pg");
    sourceNames = Map.copyOf(sourceNames);
  }

  /** One line for a database failure, prefixed with the setting to fix when there is one. */
  String explain(PgFailure e) {
    String name = e.option() == null ? null : sourceNames.getOrDefault(e.option(), e.option());
    if ("--pg-host".equals(e.option())) {
      // Unreachable: the host or the port may be at fault.
      name = name + ", " + sourceNames.getOrDefault("--pg-port", "--pg-port");
    }
    return name == null ? e.getMessage() : name + ": " + e.getMessage();
  }
}
