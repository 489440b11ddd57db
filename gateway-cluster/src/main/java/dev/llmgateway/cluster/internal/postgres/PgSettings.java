package dev.llmgateway.cluster.internal.postgres;

import java.util.Objects;
import java.util.Properties;

/**
 * How to reach the PostgreSQL database of a cluster: Kong's {@code pg_*} settings. The password is kept out of
 * {@link #toString()} and {@link #describe()}, so no log line or banner can print it.
 */
public record PgSettings(String host, int port, String user, String password, String database, String schema,
    boolean ssl, boolean sslVerify, int timeoutMillis) {

  public PgSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(database, "database");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be between 1 and 65535");
    }
    if (timeoutMillis < 1) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    schema = schema == null || schema.isBlank() ? "public" : schema;
  }

  /** The JDBC URL, without credentials. */
  String jdbcUrl() {
    String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return "jdbc:postgresql://" + h + ":" + port + "/" + database;
  }

  /** Driver properties: credentials, schema, TLS and the timeouts that bound every call. */
  Properties properties() {
    Properties p = new Properties();
    p.setProperty("user", user);
    if (password != null) {
      p.setProperty("password", password);
    }
    p.setProperty("currentSchema", schema);
    p.setProperty("ApplicationName", "llm-gateway");
    int seconds = Math.max(1, (timeoutMillis + 999) / 1000);
    p.setProperty("connectTimeout", String.valueOf(seconds));
    // Reads and writes are small; a socket silent for this long means the server or the network is gone.
    p.setProperty("socketTimeout", String.valueOf(Math.max(seconds, 10)));
    p.setProperty("tcpKeepAlive", "true");
    if (ssl) {
      p.setProperty("ssl", "true");
      p.setProperty("sslmode", sslVerify ? "verify-full" : "require");
    } else {
      p.setProperty("sslmode", "disable");
    }
    return p;
  }

  /** {@code postgres://user@host:port/database (schema s)}: for logs, banners and {@code GET /status}. */
  public String describe() {
    return "postgres://" + user + "@" + host + ":" + port + "/" + database
        + ("public".equals(schema) ? "" : " (schema " + schema + ")");
  }

  @Override
  public String toString() {
    return describe();
  }
}
