package dev.llmgateway.internal.declarative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.internal.admin.TestPlugins;
import dev.llmgateway.entity.Service;
import dev.llmgateway.internal.pipeline.PluginStates;
import dev.llmgateway.schema.Row;
import dev.llmgateway.internal.store.EntityWrites;
import dev.llmgateway.internal.store.FileConfigStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupConfigurationTest {
  private static final Supplier<String> DEFAULT_STACK = () -> """
      _format_version: "3.0"
      services:
      - {name: default-service, url: "http://vllm.test:8080"}
      """;

  @TempDir
  Path dir;

  private List<String> start(Path configFile) throws Exception {
    StartupConfiguration.Started started = StartupConfiguration.open(FileConfigStore.open(dir.resolve("data")),
        TestPlugins.registry(), new PluginStates(), configFile, DEFAULT_STACK);
    try (var writer = started.writer()) {
      return writer.live().current().configuration().rows(Service.TYPE).stream().map(r -> r.string("name")).toList();
    }
  }

  @Test
  void theRule() {
    assertThat(StartupConfiguration.choose(true, true, true)).isEqualTo(StartupConfiguration.Source.CONFIG_FILE);
    assertThat(StartupConfiguration.choose(false, true, true)).isEqualTo(StartupConfiguration.Source.STORED);
    assertThat(StartupConfiguration.choose(false, false, true)).isEqualTo(StartupConfiguration.Source.DEFAULT_STACK);
    assertThat(StartupConfiguration.choose(false, false, false)).isEqualTo(StartupConfiguration.Source.EMPTY);
  }

  @Test
  void theDefaultStackGoesOnlyIntoAFreshStoreAndTheDataDirWinsAfterwards() throws Exception {
    assertThat(start(null)).containsExactly("default-service");
    StartupConfiguration.Started again = StartupConfiguration.open(FileConfigStore.open(dir.resolve("data")),
        TestPlugins.registry(), new PluginStates(), null, DEFAULT_STACK);
    assertThat(again.source()).isEqualTo(StartupConfiguration.Source.STORED);
    try (var writer = again.writer()) {
      writer.submit(cfg -> EntityWrites.withSystemClock().delete(cfg, Service.TYPE,
          dev.llmgateway.internal.store.EntityKey.parse(Service.TYPE, "default-service"))).get(10, TimeUnit.SECONDS);
      writer.submit(cfg -> EntityWrites.withSystemClock().insert(cfg, Service.TYPE,
          Map.of("name", "mine", "host", "m.test"))).get(10, TimeUnit.SECONDS);
    }
    assertThat(start(null)).containsExactly("mine");
  }

  @Test
  void aConfigFileReplacesTheStoredConfigurationAtEveryStart() throws Exception {
    assertThat(start(null)).containsExactly("default-service");
    Path file = dir.resolve("kong.yml");
    Files.writeString(file, "_format_version: \"3.0\"\nservices:\n- {name: from-file, host: f.test}\n");
    assertThat(start(file)).containsExactly("from-file");
    Files.writeString(file, "_format_version: \"3.0\"\nservices:\n- {name: edited, host: f.test}\n");
    assertThat(start(file)).containsExactly("edited");
    assertThat(start(null)).containsExactly("edited");
  }

  @Test
  void anInvalidConfigFileListsEveryErrorAndLeavesTheStoreAlone() throws Exception {
    assertThat(start(null)).containsExactly("default-service");
    Path file = dir.resolve("kong.yml");
    Files.writeString(file, "_format_version: \"3.0\"\nservices:\n- {name: a}\n- {name: b, port: x}\n");
    assertThatThrownBy(() -> start(file)).isInstanceOfSatisfying(DeclarativeError.class, e ->
        assertThat(e.messages()).containsExactly("services[0].host: required field missing",
            "services[1].host: required field missing", "services[1].port: expected an integer"));
    assertThat(start(null)).containsExactly("default-service");
  }

  @Test
  void idsFromAFileAreStableAcrossRestarts() throws Exception {
    Path file = dir.resolve("kong.yml");
    Files.writeString(file, "_format_version: \"3.0\"\nservices:\n- {name: stable, host: s.test}\n");
    String first;
    StartupConfiguration.Started a = StartupConfiguration.open(FileConfigStore.open(dir.resolve("data")),
        TestPlugins.registry(), new PluginStates(), file, null);
    try (var writer = a.writer()) {
      Row row = writer.live().current().configuration().rows(Service.TYPE).iterator().next();
      first = row.string("id");
    }
    StartupConfiguration.Started b = StartupConfiguration.open(FileConfigStore.open(dir.resolve("data")),
        TestPlugins.registry(), new PluginStates(), file, null);
    try (var writer = b.writer()) {
      assertThat(writer.live().current().configuration().rows(Service.TYPE).iterator().next().string("id"))
          .isEqualTo(first);
    }
  }
}
