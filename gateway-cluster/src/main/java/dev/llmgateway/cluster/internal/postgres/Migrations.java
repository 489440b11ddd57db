package dev.llmgateway.cluster.internal.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kong's {@code migrations} commands on the cluster database: {@code bootstrap} (an empty database),
 * {@code up} (pending migrations), {@code finish} (their teardown), {@code list} and {@code reset}. Each runs under
 * one PostgreSQL advisory lock and in one transaction, so two nodes running them at once leave one schema: the
 * second waits, then finds the work done. What has run is recorded in {@code gateway_schema_meta}.
 */
public final class Migrations {
  /** Where the database stands against this build's migrations. */
  public enum State { NOT_BOOTSTRAPPED, PENDING_UP, PENDING_FINISH, UP_TO_DATE, NEWER }

  /** The result of a check: the state, each known migration's state, and other applications' tables. */
  public record Status(State state, Map<String, String> migrations, List<String> unknown, int foreignTables) {}

  /** What a command did, as lines for the user, and its exit status (Kong's: 3 bootstrap needed, 4/5 pending). */
  public record Outcome(List<String> lines, int exitStatus) {}

  static final String META = "gateway_schema_meta";
  // Keyed by schema name (not current_schema(), which is null until bootstrap creates a new schema).
  private static final String LOCK = "SELECT pg_advisory_lock(hashtext('llm-gateway-migrations:' || ?))";
  private static final String UNLOCK = "SELECT pg_advisory_unlock(hashtext('llm-gateway-migrations:' || ?))";
  private static final String EXECUTED = "executed";
  private static final String PENDING = "pending";

  private final PgSettings settings;

  public Migrations(PgSettings settings) {
    this.settings = settings;
  }

  /** The database's state, read without locking. */
  public Status status() throws PgFailure {
    try (Connection c = PgConnections.open(settings)) {
      return status(c, settings.schema());
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** Creates every table in an empty database; a database bootstrapped already is left as it is. */
  public Outcome bootstrap() throws PgFailure {
    return locked(c -> {
      Status s = status(c, settings.schema());
      if (s.state() != State.NOT_BOOTSTRAPPED) {
        return new Outcome(List.of("Database already bootstrapped"), 0);
      }
      List<String> lines = new ArrayList<>();
      lines.add("Bootstrapping database...");
      try (Statement st = c.createStatement()) {
        if (!"public".equals(settings.schema())) {
          st.execute("CREATE SCHEMA IF NOT EXISTS " + quote(settings.schema()));
          st.execute("SET search_path TO " + quote(settings.schema()));
        }
        st.execute("CREATE TABLE " + META + " (name text PRIMARY KEY, state text NOT NULL,"
            + " executed_at timestamptz NOT NULL DEFAULT now())");
        for (Migration m : Migration.ALL) {
          st.execute(m.up());
          if (m.teardown() != null) {
            st.execute(m.teardown());
          }
          record(c, m.name(), EXECUTED);
          lines.add("migrating " + m.name() + "... done");
        }
      }
      lines.add(Migration.ALL.size() + " migrations processed, " + Migration.ALL.size() + " executed");
      lines.add("Database is up-to-date");
      return new Outcome(lines, 0);
    });
  }

  /** Runs the {@code up} part of every migration not run yet. */
  public Outcome up() throws PgFailure {
    return locked(c -> {
      Status s = status(c, settings.schema());
      if (s.state() == State.NOT_BOOTSTRAPPED) {
        return new Outcome(List.of("Database needs bootstrapping or is older than the gateway's migrations;"
            + " run 'gateway migrations bootstrap'"), 3);
      }
      refuseNewer(s);
      List<String> lines = new ArrayList<>();
      int ran = 0;
      try (Statement st = c.createStatement()) {
        for (Migration m : Migration.ALL) {
          if (s.migrations().get(m.name()) != null) {
            continue;
          }
          st.execute(m.up());
          record(c, m.name(), m.teardown() == null ? EXECUTED : PENDING);
          lines.add("migrating " + m.name() + "... done");
          ran++;
        }
      }
      lines.add(ran == 0 ? "Database is already up-to-date" : ran + " migrations processed, " + ran + " executed");
      return new Outcome(lines, 0);
    });
  }

  /** Runs the teardown of every migration that {@code up} left pending. */
  public Outcome finish() throws PgFailure {
    return locked(c -> {
      Status s = status(c, settings.schema());
      if (s.state() == State.NOT_BOOTSTRAPPED) {
        return new Outcome(List.of("Database needs bootstrapping; run 'gateway migrations bootstrap'"), 3);
      }
      refuseNewer(s);
      List<String> lines = new ArrayList<>();
      int ran = 0;
      try (Statement st = c.createStatement()) {
        for (Migration m : Migration.ALL) {
          if (!PENDING.equals(s.migrations().get(m.name()))) {
            continue;
          }
          st.execute(m.teardown());
          record(c, m.name(), EXECUTED);
          lines.add("finishing " + m.name() + "... done");
          ran++;
        }
      }
      lines.add(ran == 0 ? "No pending migrations to finish" : ran + " migrations finished");
      return new Outcome(lines, 0);
    });
  }

  /** What has run and what is pending; the exit status says whether anything is to do. */
  public Outcome list() throws PgFailure {
    Status s = status();
    List<String> lines = new ArrayList<>();
    switch (s.state()) {
      case NOT_BOOTSTRAPPED -> {
        lines.add("Database needs bootstrapping or is older than the gateway's migrations;"
            + " run 'gateway migrations bootstrap'");
        return new Outcome(lines, 3);
      }
      default -> { }
    }
    List<String> executed = new ArrayList<>();
    List<String> pendingFinish = new ArrayList<>();
    List<String> newMigrations = new ArrayList<>();
    for (Migration m : Migration.ALL) {
      String state = s.migrations().get(m.name());
      if (state == null) {
        newMigrations.add(m.name());
      } else if (PENDING.equals(state)) {
        pendingFinish.add(m.name());
      } else {
        executed.add(m.name());
      }
    }
    lines.add("Executed migrations: " + (executed.isEmpty() ? "none" : String.join(", ", executed)));
    if (!pendingFinish.isEmpty()) {
      lines.add("Pending migrations (run 'gateway migrations finish'): " + String.join(", ", pendingFinish));
    }
    if (!newMigrations.isEmpty()) {
      lines.add("New migrations available (run 'gateway migrations up'): " + String.join(", ", newMigrations));
    }
    if (!s.unknown().isEmpty()) {
      lines.add("Migrations of a newer gateway: " + String.join(", ", s.unknown()));
    }
    int exit = switch (s.state()) {
      case PENDING_UP -> 4;
      case PENDING_FINISH -> 5;
      default -> 0;
    };
    if (exit == 0) {
      lines.add("Database is up-to-date");
    }
    return new Outcome(lines, exit);
  }

  /** Drops every gateway table (and only those): the configuration is gone. */
  public Outcome reset() throws PgFailure {
    return locked(c -> {
      try (Statement st = c.createStatement()) {
        st.execute("DROP TABLE IF EXISTS gateway_references, gateway_unique_keys, gateway_changes,"
            + " gateway_entities, gateway_state, " + META + " CASCADE");
      }
      return new Outcome(List.of("Database reset: every gateway table was dropped"), 0);
    });
  }

  /**
   * For {@code start}: fails with one line naming the command to run unless the database is bootstrapped and
   * every migration's {@code up} has run (a pending {@code finish} is fine, as in Kong).
   */
  public void checkReady() throws PgFailure {
    Status s = status();
    switch (s.state()) {
      case NOT_BOOTSTRAPPED -> {
        if (s.foreignTables() > 0) {
          throw new PgFailure("--pg-database", "database '" + settings.database() + "' (schema "
              + settings.schema() + ") holds " + s.foreignTables() + " tables of another application and no"
              + " gateway tables; point it at the gateway's database, or run 'gateway migrations bootstrap' to add"
              + " them there", null);
        }
        throw new PgFailure(null, "the database " + settings.describe() + " is not bootstrapped; run"
            + " 'gateway migrations bootstrap'", null);
      }
      case PENDING_UP -> throw new PgFailure(null, "the database " + settings.describe() + " needs migrations"
          + " this gateway requires; run 'gateway migrations up'", null);
      case NEWER -> throw new PgFailure(null, "the database " + settings.describe() + " was migrated by a newer"
          + " gateway (" + String.join(", ", s.unknown()) + "); run that version", null);
      default -> { }
    }
  }

  static Status status(Connection c, String schema) throws SQLException {
    Map<String, String> done = new LinkedHashMap<>();
    int foreign = 0;
    boolean meta = false;
    try (PreparedStatement ps = c.prepareStatement("SELECT table_name FROM information_schema.tables"
        + " WHERE table_schema = ?")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String t = rs.getString(1);
          if (META.equals(t)) {
            meta = true;
          } else if (!t.startsWith("gateway_")) {
            foreign++;
          }
        }
      }
    }
    if (!meta) {
      return new Status(State.NOT_BOOTSTRAPPED, done, List.of(), foreign);
    }
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT name, state FROM " + META)) {
      while (rs.next()) {
        done.put(rs.getString(1), rs.getString(2));
      }
    }
    List<String> known = Migration.ALL.stream().map(Migration::name).toList();
    List<String> unknown = done.keySet().stream().filter(n -> !known.contains(n)).toList();
    State state;
    if (!unknown.isEmpty()) {
      state = State.NEWER;
    } else if (!done.keySet().containsAll(known)) {
      state = State.PENDING_UP;
    } else if (done.containsValue(PENDING)) {
      state = State.PENDING_FINISH;
    } else {
      state = State.UP_TO_DATE;
    }
    return new Status(state, done, unknown, foreign);
  }

  private static void refuseNewer(Status s) throws SQLException {
    if (s.state() == State.NEWER) {
      throw new SQLException("the database was migrated by a newer gateway (" + String.join(", ", s.unknown())
          + "); run that version");
    }
  }

  private static void record(Connection c, String name, String state) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + META + " (name, state) VALUES (?, ?)"
        + " ON CONFLICT (name) DO UPDATE SET state = EXCLUDED.state, executed_at = now()")) {
      ps.setString(1, name);
      ps.setString(2, state);
      ps.executeUpdate();
    }
  }

  private interface Work {
    Outcome run(Connection c) throws SQLException;
  }

  /** Runs {@code work} in one transaction under the session advisory lock that serialises every migration. */
  private Outcome locked(Work work) throws PgFailure {
    try (Connection c = PgConnections.open(settings)) {
      advisory(c, LOCK);
      try {
        c.setAutoCommit(false);
        Outcome out = work.run(c);
        c.commit();
        return out;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
        advisory(c, UNLOCK);
      }
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  private void advisory(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, settings.schema());
      ps.execute();
    }
  }

  private PgFailure failure(SQLException e) {
    return e.getSQLState() != null && e.getSQLState().startsWith("08") || e.getSQLState() != null
        && e.getSQLState().startsWith("28") || "3D000".equals(e.getSQLState())
        ? PgConnections.explain(settings, e)
        : new PgFailure(null, "migrations failed on " + settings.describe() + ": " + PgConnections.firstLine(e), e);
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
