package dev.llmgateway.cluster.internal.postgres;

import com.zaxxer.hikari.HikariDataSource;
import dev.llmgateway.config.Configuration;
import dev.llmgateway.internal.json.Json;
import dev.llmgateway.internal.store.ApiError;
import dev.llmgateway.store.ChangeSet;
import dev.llmgateway.store.SharedConfigStore;
import dev.llmgateway.store.StaleWriteException;
import dev.llmgateway.store.StoredConfig;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The cluster's {@link SharedConfigStore} in PostgreSQL. Every commit is one transaction that first locks the
 * single {@code gateway_state} row and checks its version against the one this node's configuration is based on:
 * writes from all nodes are thus serialised, and a node that is behind is told to catch up and re-check its
 * writes ({@link StaleWriteException}). The transaction writes the rows (with their unique values and
 * references, which the database's constraints hold), a change-log entry, and a {@code NOTIFY} that the other
 * nodes' {@link ChangeListener}s turn into a catch-up.
 */
public final class PgConfigStore implements SharedConfigStore {
  static final String CHANNEL = "llm_gateway_config";
  /** Change-log entries kept for nodes that are catching up; one further behind reloads everything. */
  static final long KEEP_CHANGES = 1024;

  private final PgSettings settings;
  private final HikariDataSource pool;
  private final String nodeId = UUID.randomUUID().toString();
  private final long checkIntervalMillis;
  private volatile long version;
  private volatile boolean reachable = true;
  private volatile ChangeListener listener;

  private PgConfigStore(PgSettings settings, HikariDataSource pool, long checkIntervalMillis) {
    this.settings = settings;
    this.pool = pool;
    this.checkIntervalMillis = checkIntervalMillis;
  }

  /**
   * Connects, checks that the database is bootstrapped and migrated (one line naming the command otherwise), and
   * opens the pool. {@code checkIntervalMillis} spaces the consistency checks that back up {@code LISTEN}.
   */
  public static PgConfigStore open(PgSettings settings, long checkIntervalMillis) throws PgFailure {
    new Migrations(settings).checkReady();
    return new PgConfigStore(settings, PgConnections.pool(settings, 4), checkIntervalMillis);
  }

  @Override
  public Optional<StoredConfig> load() throws IOException {
    try (Connection c = pool.getConnection()) {
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      try {
        long v = currentVersion(c, false);
        StoredConfig all = readAll(c, v);
        c.commit();
        version = v;
        reachable = true;
        return v == 0 && all.tables().isEmpty() ? Optional.empty() : Optional.of(all);
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      throw unreachable(e);
    }
  }

  @Override
  public void commit(List<ChangeSet> changes, Configuration result) throws IOException {
    if (changes.isEmpty()) {
      return;
    }
    if (!reachable) {
      // The listener is reconnecting; waiting for the pool's timeout would only hold the client longer.
      throw unavailable("is unreachable");
    }
    try (Connection c = pool.getConnection()) {
      try {
        long v = currentVersion(c, true);
        if (v != version) {
          c.rollback();
          throw new StaleWriteException("the configuration is at version " + v + ", this node at " + version);
        }
        long next = v + 1;
        Map<String, Object> logged = new LinkedHashMap<>();
        try (EntityRows rows = new EntityRows(c, result.types())) {
          if (changes.stream().anyMatch(ChangeSet::isReplacement)) {
            rows.replaceAll(c, result);
            logged.put("replace", Boolean.TRUE);
          } else {
            List<Object> sets = new ArrayList<>(changes.size());
            for (ChangeSet change : changes) {
              rows.apply(change);
              sets.add(change.toJson());
            }
            logged.put("changes", sets);
          }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE gateway_state SET version = ?, updated_at = now()"
            + " WHERE id = 1")) {
          ps.setLong(1, next);
          ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO gateway_changes (version, node_id, change)"
            + " VALUES (?, ?, ?::jsonb)")) {
          ps.setLong(1, next);
          ps.setString(2, nodeId);
          ps.setString(3, Json.write(logged));
          ps.executeUpdate();
        }
        if (next % 64 == 0) {
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM gateway_changes WHERE version <= ?")) {
            ps.setLong(1, next - KEEP_CHANGES);
            ps.executeUpdate();
          }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
          ps.setString(1, CHANNEL);
          ps.setString(2, Long.toString(next));
          ps.execute();
        }
        c.commit();
        version = next;
        reachable = true;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c);
        throw e;
      }
    } catch (SQLException e) {
      ApiError refused = ConstraintErrors.of(e);
      if (refused != null) {
        reachable = true;
        throw refused;
      }
      reachable = false;
      throw unavailable("cannot be used (" + PgConnections.firstLine(e) + ")");
    }
  }

  /** Kong-style 503 for a write while the database is down: clear about what happened and what still works. */
  private ApiError unavailable(String what) {
    return ApiError.message(503, "the configuration database " + settings.describe() + " " + what
        + "; the change was not applied. Writes are refused until it is back; every node keeps proxying with its"
        + " last configuration");
  }

  @Override
  public Optional<Catchup> pull() throws IOException {
    if (!reachable) {
      // The listener nudges again once it has reconnected; waiting for a pooled connection would stall writes.
      throw new IOException("the configuration database " + settings.describe() + " is unreachable");
    }
    try (Connection c = pool.getConnection()) {
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      long v;
      Catchup catchup = null;
      try {
        v = currentVersion(c, false);
        long mine = version;
        reachable = true;
        if (v != mine) {
          catchup = v < mine ? new Catchup(readAll(c, v), null) : changes(c, mine, v);
        }
      } finally {
        c.rollback();
      }
      if (catchup == null) {
        return Optional.empty();
      }
      // Only now, the read whole and its transaction ended: when the database drops the connection before that
      // (the rollback fails), the version stays behind, so the listener's next check sees it behind and reads
      // again. Moving it first left a node serving an old configuration, sure it had caught up.
      version = v;
      return Optional.of(catchup);
    } catch (SQLException e) {
      throw unreachable(e);
    }
  }

  @SuppressWarnings("unchecked")
  private Catchup changes(Connection c, long from, long to) throws SQLException {
    List<Map<String, Object>> sets = new ArrayList<>();
    long expected = from + 1;
    try (PreparedStatement ps = c.prepareStatement("SELECT version, change FROM gateway_changes"
        + " WHERE version > ? AND version <= ? ORDER BY version")) {
      ps.setLong(1, from);
      ps.setLong(2, to);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Map<String, Object> change = Json.parseObject(rs.getString(2));
          if (rs.getLong(1) != expected++ || change.containsKey("replace")) {
            return new Catchup(readAll(c, to), null);
          }
          for (Object set : (List<Object>) change.get("changes")) {
            sets.add((Map<String, Object>) set);
          }
        }
      }
    }
    return expected == to + 1 ? new Catchup(null, sets) : new Catchup(readAll(c, to), null);
  }

  private static StoredConfig readAll(Connection c, long v) throws SQLException {
    Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
    try (Statement st = c.createStatement()) {
      st.setFetchSize(1000);
      try (ResultSet rs = st.executeQuery("SELECT entity_type, row FROM gateway_entities ORDER BY seq")) {
        while (rs.next()) {
          tables.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(Json.parseObject(rs.getString(2)));
        }
      }
    }
    return new StoredConfig(v, tables);
  }

  private static long currentVersion(Connection c, boolean lock) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT version FROM gateway_state WHERE id = 1" + (lock ? " FOR UPDATE"
            : ""))) {
      if (!rs.next()) {
        throw new SQLException("gateway_state has no row; run 'gateway migrations bootstrap'");
      }
      return rs.getLong(1);
    }
  }

  @Override
  public synchronized void onRemoteChange(Runnable nudge) {
    if (listener == null) {
      listener = new ChangeListener(settings, this, nudge, checkIntervalMillis);
      listener.start();
    }
  }

  /** The version this node's configuration is at. */
  long version() {
    return version;
  }

  void reachable(boolean value) {
    reachable = value;
  }

  /** False while the database cannot be reached: {@code GET /status} reports {@code database.reachable}. */
  @Override
  public boolean healthy() {
    return reachable;
  }

  @Override
  public String describe() {
    return settings.describe();
  }

  private IOException unreachable(SQLException e) {
    reachable = false;
    return new IOException("PostgreSQL at " + settings.host() + ":" + settings.port() + " cannot be used ("
        + PgConnections.firstLine(e) + ")", e);
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the connection is broken; the pool discards it
    }
  }

  @Override
  public void close() {
    ChangeListener l = listener;
    if (l != null) {
      l.close();
    }
    pool.close();
  }
}
