package dev.llmgateway.launcher;

import picocli.CommandLine.Option;

/**
 * The cluster database options, shared by {@code start} and {@code migrations}: Kong's {@code database} and
 * {@code pg_*} settings. There is deliberately no password flag (it would show in {@code ps}): the password comes
 * from {@code GATEWAY_PG_PASSWORD}/{@code KONG_PG_PASSWORD} or from a file.
 */
final class DatabaseOptions {
  @Option(names = "--database", paramLabel = "off|postgres", defaultValue = "off",
      description = {"Where the configuration lives: off (this node's data dir) or postgres (shared by every node",
          "of a cluster; see docs/cluster.md).", "Default: off", "Env: GATEWAY_DATABASE, KONG_DATABASE"})
  String database;

  @Option(names = "--pg-host", paramLabel = "HOST", defaultValue = "127.0.0.1",
      description = {"PostgreSQL host.", "Default: 127.0.0.1", "Env: GATEWAY_PG_HOST, KONG_PG_HOST"})
  String pgHost;

  @Option(names = "--pg-port", paramLabel = "PORT", defaultValue = "5432",
      description = {"PostgreSQL port.", "Default: 5432", "Env: GATEWAY_PG_PORT, KONG_PG_PORT"})
  String pgPort;

  @Option(names = "--pg-user", paramLabel = "USER", defaultValue = "kong",
      description = {"PostgreSQL user.", "Default: kong", "Env: GATEWAY_PG_USER, KONG_PG_USER"})
  String pgUser;

  @Option(names = "--pg-password-file", paramLabel = "FILE",
      description = {"A file holding the PostgreSQL password (or set GATEWAY_PG_PASSWORD / KONG_PG_PASSWORD).",
          "Env: GATEWAY_PG_PASSWORD_FILE, KONG_PG_PASSWORD_FILE"})
  String pgPasswordFile;

  @Option(names = "--pg-database", paramLabel = "NAME", defaultValue = "kong",
      description = {"PostgreSQL database.", "Default: kong", "Env: GATEWAY_PG_DATABASE, KONG_PG_DATABASE"})
  String pgDatabase;

  @Option(names = "--pg-schema", paramLabel = "NAME",
      description = {"PostgreSQL schema.", "Default: public", "Env: GATEWAY_PG_SCHEMA, KONG_PG_SCHEMA"})
  String pgSchema;

  @Option(names = "--pg-ssl", paramLabel = "on|off", defaultValue = "off",
      description = {"TLS to PostgreSQL.", "Default: off", "Env: GATEWAY_PG_SSL, KONG_PG_SSL"})
  String pgSsl;

  @Option(names = "--pg-ssl-verify", paramLabel = "on|off", defaultValue = "off",
      description = {"Verify the server's certificate and host name (with --pg-ssl on).", "Default: off",
          "Env: GATEWAY_PG_SSL_VERIFY, KONG_PG_SSL_VERIFY"})
  String pgSslVerify;

  @Option(names = "--pg-timeout", paramLabel = "MILLIS", defaultValue = "5000",
      description = {"Connect and pool-wait timeout in milliseconds; an Admin API write waits no longer for the",
          "database before answering 503.", "Default: 5000", "Env: GATEWAY_PG_TIMEOUT, KONG_PG_TIMEOUT"})
  String pgTimeout;
}
