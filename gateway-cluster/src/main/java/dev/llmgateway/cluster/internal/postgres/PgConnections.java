package dev.llmgateway.cluster.internal.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Opens connections to the cluster database: single ones (migrations, the LISTEN session) and the small pool the
 * store writes through. Connection failures become a {@link PgFailure} naming the setting to fix.
 */
final class PgConnections {
  private PgConnections() {}

  static {
    try {
      Class.forName("org.postgresql.Driver");
    } catch (ClassNotFoundException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** One connection, outside any pool; failures are explained. */
  static Connection open(PgSettings s) throws PgFailure {
    try {
      return DriverManager.getConnection(s.jdbcUrl(), s.properties());
    } catch (SQLException e) {
      throw explain(s, e);
    }
  }

  /**
   * A small pool. It does not connect at creation (the caller has checked the database already); a connection
   * that cannot be had within the timeout fails the write that wanted it, never blocks it longer.
   */
  static HikariDataSource pool(PgSettings s, int size) {
    HikariConfig c = new HikariConfig();
    c.setPoolName("llm-gateway-pg");
    c.setJdbcUrl(s.jdbcUrl());
    c.setDataSourceProperties(s.properties());
    c.setMaximumPoolSize(size);
    c.setMinimumIdle(1);
    c.setConnectionTimeout(Math.max(250, s.timeoutMillis()));
    c.setValidationTimeout(Math.max(250, Math.min(s.timeoutMillis(), 5000)));
    c.setInitializationFailTimeout(-1);
    c.setAutoCommit(false);
    return new HikariDataSource(c);
  }

  /** A one-line explanation of why connecting failed, naming the setting to fix. */
  static PgFailure explain(PgSettings s, SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String where = s.describe();
    return switch (state) {
      case "28P01" -> new PgFailure("--pg-password", "PostgreSQL refused the password of user '" + s.user()
          + "' at " + where, e);
      case "28000" -> new PgFailure("--pg-user", "PostgreSQL refused user '" + s.user() + "' at " + where + ": "
          + firstLine(e), e);
      case "3D000" -> new PgFailure("--pg-database", "database '" + s.database() + "' does not exist at "
          + s.host() + ":" + s.port(), e);
      case "08001", "08004", "08006" -> new PgFailure("--pg-host", "cannot reach PostgreSQL at " + s.host() + ":"
          + s.port() + ": " + firstLine(e), e);
      default -> new PgFailure(null, "PostgreSQL at " + where + ": " + firstLine(e), e);
    };
  }

  static String firstLine(Throwable e) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    int nl = m.indexOf('\n');
    return (nl < 0 ? m : m.substring(0, nl)).strip();
  }
}
