package dev.llmgateway.internal.defaults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminKeyTest {
  @TempDir
  Path dir;
  private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
  private final Logger logger = Logger.getLogger("dev.llmgateway.internal.defaults");
  private Handler handler;

  @BeforeEach
  void captureLogs() {
    handler = new StreamHandler(logged, new SimpleFormatter());
    logger.addHandler(handler);
  }

  @AfterEach
  void release() {
    logger.removeHandler(handler);
  }

  private String log() {
    handler.flush();
    return logged.toString();
  }

  @Test
  void gatewayVariableWinsOverKongAlias() throws Exception {
    AdminKey key = AdminKey.resolve(Map.of("GATEWAY_ADMIN_API_KEY", " from-gateway\n",
        "KONG_ADMIN_API_KEY", "from-kong"), dir);
    assertThat(key.value()).isEqualTo("from-gateway");
    assertThat(key.source()).isEqualTo(AdminKey.Source.ENVIRONMENT);
    assertThat(key.toString()).doesNotContain("from-gateway");
    assertThat(log()).doesNotContain("from-gateway").doesNotContain("from-kong");
    assertThat(Files.list(dir)).isEmpty();
  }

  @Test
  void kongAliasIsAccepted() throws Exception {
    AdminKey key = AdminKey.resolve(Map.of("KONG_ADMIN_API_KEY", "from-kong", "GATEWAY_ADMIN_API_KEY", "  "), dir);
    assertThat(key.value()).isEqualTo("from-kong");
    assertThat(key.source()).isEqualTo(AdminKey.Source.KONG_ENVIRONMENT);
  }

  @Test
  void generatedOnceStoredOwnerOnlyAndNeverLogged() throws Exception {
    Path data = dir.resolve("data");
    AdminKey first = AdminKey.resolve(Map.of(), data);
    assertThat(first.source()).isEqualTo(AdminKey.Source.GENERATED);
    assertThat(first.value()).matches("[A-Za-z0-9]{32}");
    Path file = data.resolve("admin-api-key");
    assertThat(first.file()).isEqualTo(file);
    assertThat(Files.readString(file).strip()).isEqualTo(first.value());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    AdminKey second = AdminKey.resolve(Map.of(), data);
    assertThat(second.source()).isEqualTo(AdminKey.Source.STORED);
    assertThat(second.value()).isEqualTo(first.value());
    String log = log();
    assertThat(log).contains(file.toAbsolutePath().toString()).doesNotContain(first.value());
    assertThat(first.toString()).doesNotContain(first.value());
  }

  @Test
  void storedKeyPermissionsAreTightened() throws Exception {
    Path file = dir.resolve("admin-api-key");
    Files.writeString(file, "stored-key\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    AdminKey key = AdminKey.resolve(Map.of(), dir);
    assertThat(key.value()).isEqualTo("stored-key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }
}
