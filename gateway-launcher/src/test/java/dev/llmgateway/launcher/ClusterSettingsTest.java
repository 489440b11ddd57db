package dev.llmgateway.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cluster mode's settings: Kong's names and their GATEWAY_* twins, one-line errors, the password kept out of sight. */
class ClusterSettingsTest {
  @TempDir
  Path dir;

  @Test
  void offByDefaultAndKongNamesSelectPostgres() throws Exception {
    assertThat(StartSettingsTest.read(Map.of()).cluster()).isEmpty();
    StartSettings s = StartSettingsTest.read(Map.of("KONG_DATABASE", "postgres", "KONG_PG_HOST", "db.internal",
        "KONG_PG_PORT", "6432", "KONG_PG_USER", "gw", "KONG_PG_PASSWORD", "s3cret", "KONG_PG_DATABASE", "gwdb",
        "KONG_PG_SCHEMA", "edge", "KONG_PG_SSL", "on", "KONG_PG_SSL_VERIFY", "on", "KONG_PG_TIMEOUT", "2500"));
    var pg = s.cluster().orElseThrow().pg();
    assertThat(pg.host()).isEqualTo("db.internal");
    assertThat(pg.port()).isEqualTo(6432);
    assertThat(pg.user()).isEqualTo("gw");
    assertThat(pg.password()).isEqualTo("s3cret");
    assertThat(pg.database()).isEqualTo("gwdb");
    assertThat(pg.schema()).isEqualTo("edge");
    assertThat(pg.ssl()).isTrue();
    assertThat(pg.sslVerify()).isTrue();
    assertThat(pg.timeoutMillis()).isEqualTo(2500);
    assertThat(pg.toString()).doesNotContain("s3cret");
    assertThat(s.storeName()).isEqualTo("postgres://gw@db.internal:6432/gwdb (schema edge)").doesNotContain("s3cret");
  }

  @Test
  void gatewayNamesWinOverKongsAndFlagsOverBoth() throws Exception {
    StartSettings s = StartSettingsTest.read(Map.of("KONG_DATABASE", "postgres", "KONG_PG_HOST", "kong-host",
        "GATEWAY_PG_HOST", "gw-host", "KONG_PG_PASSWORD", "kong-pw", "GATEWAY_PG_PASSWORD", "gw-pw"),
        "--pg-port", "7000");
    assertThat(s.cluster().orElseThrow().pg().host()).isEqualTo("gw-host");
    assertThat(s.cluster().orElseThrow().pg().password()).isEqualTo("gw-pw");
    assertThat(s.cluster().orElseThrow().pg().port()).isEqualTo(7000);
  }

  @Test
  void thePasswordComesFromAFileToo() throws Exception {
    Path file = dir.resolve("pw");
    Files.writeString(file, "from-file\n");
    StartSettings s = StartSettingsTest.read(Map.of("GATEWAY_DATABASE", "postgres", "KONG_PG_PASSWORD", "env",
        "KONG_PG_PASSWORD_FILE", file.toString()));
    assertThat(s.cluster().orElseThrow().pg().password()).isEqualTo("from-file");
  }

  @Test
  void badValuesAreOneLineNamingTheSetting() {
    assertThatThrownBy(() -> StartSettingsTest.read(Map.of("KONG_DATABASE", "cassandra")))
        .hasMessage("KONG_DATABASE: 'cassandra' is not a database (off or postgres)");
    assertThatThrownBy(() -> StartSettingsTest.read(Map.of("KONG_DATABASE", "postgres", "KONG_PG_PORT", "x")))
        .hasMessage("KONG_PG_PORT: 'x' is not a whole number from 1 to 65535");
    assertThatThrownBy(() -> StartSettingsTest.read(Map.of("KONG_DATABASE", "postgres"), "--pg-ssl", "maybe"))
        .hasMessage("--pg-ssl: 'maybe' is not on or off");
    assertThatThrownBy(() -> StartSettingsTest.read(Map.of("KONG_DATABASE", "postgres", "KONG_PG_PASSWORD_FILE",
        dir.resolve("missing").toString()))).hasMessageStartingWith("KONG_PG_PASSWORD_FILE: cannot read the password file");
  }

  @Test
  void thereIsNoPasswordFlag() {
    CliTest.Run r = CliTest.run("--database", "postgres", "--pg-password", "x");
    assertThat(r.status()).isEqualTo(Cli.USAGE);
  }

  @Test
  void resetNeedsYesAndAnUnreachableDatabaseIsOneLine() {
    CliTest.Run reset = CliTest.run("migrations", "reset", "--pg-port", "1", "--pg-timeout", "500");
    assertThat(reset.status()).isEqualTo(1);
    assertThat(reset.err()).contains("run it again with --yes");
    CliTest.Run list = CliTest.run("migrations", "list", "--pg-port", "1", "--pg-timeout", "500");
    assertThat(list.status()).isEqualTo(1);
    assertThat(list.err().lines()).hasSize(1).first().asString()
        .startsWith("gateway: ").contains("--pg-port: cannot reach PostgreSQL at 127.0.0.1:1");
  }
}
