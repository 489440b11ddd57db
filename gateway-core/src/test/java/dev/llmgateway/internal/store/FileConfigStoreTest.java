package dev.llmgateway.internal.store;

import dev.llmgateway.store.ConfigStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.internal.admin.TestPlugins;
import dev.llmgateway.config.Configuration;
import dev.llmgateway.entity.Service;
import dev.llmgateway.internal.pipeline.PluginRegistry;
import dev.llmgateway.internal.pipeline.PluginStates;
import dev.llmgateway.schema.Row;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileConfigStoreTest {
  private static final PluginRegistry REGISTRY = TestPlugins.registry();
  private final EntityWrites writes = EntityWrites.withSystemClock();

  @TempDir
  Path dir;

  private ConfigWriter start(ConfigStore store) throws IOException {
    return ConfigWriter.start(store, REGISTRY, new PluginStates());
  }

  private Row addService(ConfigWriter writer, String name) throws Exception {
    return writer.submit(cfg -> writes.insert(cfg, Service.TYPE, Map.of("name", name, "host", name + ".test")))
        .get(10, TimeUnit.SECONDS);
  }

  private static List<String> names(Configuration cfg) {
    List<String> out = new ArrayList<>();
    cfg.rows(Service.TYPE).forEach(r -> out.add(r.string("name")));
    return out;
  }

  @Test
  void committedChangesSurviveReopening() throws Exception {
    try (ConfigWriter writer = start(FileConfigStore.open(dir))) {
      assertThat(writer.storedBefore()).isFalse();
      addService(writer, "a");
      addService(writer, "b");
      writer.submit(cfg -> writes.delete(cfg, Service.TYPE, EntityKey.parse(Service.TYPE, "a")))
          .get(10, TimeUnit.SECONDS);
    }
    assertThat(dir.resolve(FileConfigStore.LOG)).exists();
    try (ConfigWriter writer = start(FileConfigStore.open(dir))) {
      assertThat(writer.storedBefore()).isTrue();
      assertThat(names(writer.live().current().configuration())).containsExactly("b");
    }
  }

  @Test
  void everyAcknowledgedWriteIsForcedBeforeItIsAcknowledged() throws Exception {
    RecordingFileAccess fs = new RecordingFileAccess();
    try (ConfigWriter writer = start(new FileConfigStore(dir, fs, FileConfigStore.DEFAULT_COMPACT_AFTER))) {
      for (int i = 0; i < 5; i++) {
        int before = fs.events.size();
        addService(writer, "s" + i);
        List<String> during = fs.events.subList(before, fs.events.size());
        assertThat(during).as("write %d", i).containsSubsequence("write config.jsonl", "force config.jsonl");
        assertThat(during.get(during.size() - 1)).isEqualTo("force config.jsonl");
      }
      assertThat(fs.count("force config.jsonl")).isEqualTo(5);
    }
  }

  @Test
  void aFailedFsyncIsNotAcknowledgedAndLeavesNoHalfLine() throws Exception {
    RecordingFileAccess fs = new RecordingFileAccess();
    try (ConfigWriter writer = start(new FileConfigStore(dir, fs, FileConfigStore.DEFAULT_COMPACT_AFTER))) {
      addService(writer, "kept");
      fs.failForces.set(1);
      CompletableFuture<Row> failed = writer.submit(
          cfg -> writes.insert(cfg, Service.TYPE, Map.of("name", "lost", "host", "x.test")));
      assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ApiError.class)
          .cause().satisfies(e -> assertThat(((ApiError) e).status()).isEqualTo(503));
      assertThat(writer.store().healthy()).isFalse();
      assertThat(names(writer.live().current().configuration())).containsExactly("kept");
      addService(writer, "after");
      assertThat(writer.store().healthy()).isTrue();
    }
    try (ConfigWriter writer = start(FileConfigStore.open(dir))) {
      assertThat(names(writer.live().current().configuration())).containsExactly("kept", "after");
    }
  }

  @Test
  void aSnapshotThatFailsIsNotAcknowledgedAndLeavesNoTempFile() throws Exception {
    RecordingFileAccess fs = new RecordingFileAccess();
    try (ConfigWriter writer = start(new FileConfigStore(dir, fs, FileConfigStore.DEFAULT_COMPACT_AFTER))) {
      addService(writer, "kept");
      fs.failForces.set(1);
      CompletableFuture<Configuration> failed = writer.submit(cfg -> EntityWrites.replaceAll(cfg,
          writes.insert(cfg, Service.TYPE, Map.of("name", "lost", "host", "x.test")).next()));
      assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ApiError.class)
          .cause().satisfies(e -> assertThat(((ApiError) e).status()).isEqualTo(503));
      assertThat(fs.events).contains("force-failed config.json.tmp");
      // A full temp file that is not renamed would hold a snapshot's worth of a full disk until a restart.
      assertThat(dir.resolve("config.json.tmp")).doesNotExist();
      assertThat(names(writer.live().current().configuration())).containsExactly("kept");
    }
    try (ConfigWriter writer = start(FileConfigStore.open(dir))) {
      assertThat(names(writer.live().current().configuration())).containsExactly("kept");
    }
  }

  @Test
  void aTornLastLineIsTruncatedWhenLoading() throws Exception {
    try (ConfigWriter writer = start(FileConfigStore.open(dir))) {
      addService(writer, "a");
    }
    Path log = dir.resolve(FileConfigStore.LOG);
    long valid = Files.size(log);
    Files.write(log, "{\"seq\":2,\"crc32\":1,\"change\":{\"ops\":[".getBytes(StandardCharsets.UTF_8),
        StandardOpenOption.APPEND);
    try (ConfigWriter writer = start(FileConfigStore.open(dir))) {
      assertThat(Files.size(log)).isEqualTo(valid);
      assertThat(names(writer.live().current().configuration())).containsExactly("a");
      addService(writer, "b");
    }
    try (ConfigWriter writer = start(FileConfigStore.open(dir))) {
      assertThat(names(writer.live().current().configuration())).containsExactly("a", "b");
    }
  }

  @Test
  void aCompleteLastLineWithABadChecksumCountsAsTorn() throws Exception {
    try (ConfigWriter writer = start(FileConfigStore.open(dir))) {
      addService(writer, "a");
      addService(writer, "b");
    }
    Path log = dir.resolve(FileConfigStore.LOG);
    String text = Files.readString(log);
    int second = text.indexOf('\n') + 1;
    String damaged = text.substring(0, second) + text.substring(second).replace("b.test", "c.test");
    Files.writeString(log, damaged);
    try (ConfigWriter writer = start(FileConfigStore.open(dir))) {
      assertThat(names(writer.live().current().configuration())).containsExactly("a");
      assertThat(Files.size(log)).isEqualTo(second);
    }
  }

  @Test
  void aBadLineFollowedByValidOnesIsCorruptionNotATornTail() throws Exception {
    try (ConfigWriter writer = start(FileConfigStore.open(dir))) {
      addService(writer, "a");
      addService(writer, "b");
    }
    Path log = dir.resolve(FileConfigStore.LOG);
    Files.writeString(log, Files.readString(log).replaceFirst("a\\.test", "z.test"));
    assertThatThrownBy(() -> FileConfigStore.open(dir).load()).isInstanceOf(IOException.class)
        .hasMessageContaining("corrupt at line 1");
  }

  @Test
  void theLogIsCompactedIntoASnapshotAndStaysLoadable() throws Exception {
    RecordingFileAccess fs = new RecordingFileAccess();
    try (ConfigWriter writer = start(new FileConfigStore(dir, fs, 2_000))) {
      for (int i = 0; i < 20; i++) {
        addService(writer, "s" + i);
      }
    }
    assertThat(fs.count("move config.json.tmp config.json")).isGreaterThan(0);
    assertThat(fs.events).containsSubsequence("write config.json.tmp", "force config.json.tmp",
        "move config.json.tmp config.json", "dirsync", "truncate config.jsonl");
    assertThat(Files.size(dir.resolve(FileConfigStore.LOG))).isLessThan(4_000);
    try (ConfigWriter writer = start(FileConfigStore.open(dir))) {
      assertThat(names(writer.live().current().configuration())).hasSize(20).startsWith("s0").endsWith("s19");
    }
  }

  @Test
  void aCompactionThatFailsStillAcknowledgesTheWriteTheLogTook() throws Exception {
    RecordingFileAccess fs = new RecordingFileAccess();
    try (ConfigWriter writer = start(new FileConfigStore(dir, fs, 0))) {
      fs.failForcesOf = "config.json.tmp";
      fs.failForces.set(1);
      addService(writer, "a");
      assertThat(fs.events).containsSubsequence("force config.jsonl", "force-failed config.json.tmp");
      assertThat(fs.count("move ")).isZero();
      assertThat(dir.resolve("config.json.tmp")).doesNotExist();
      assertThat(writer.store().healthy()).isTrue();
      assertThat(Files.size(dir.resolve(FileConfigStore.LOG))).isPositive();
    }
    try (ConfigWriter writer = start(FileConfigStore.open(dir))) {
      assertThat(names(writer.live().current().configuration())).containsExactly("a");
    }
  }

  @Test
  void logLinesTheSnapshotAlreadyCoversAreSkipped() throws Exception {
    try (ConfigWriter writer = start(FileConfigStore.open(dir))) {
      addService(writer, "a");
      addService(writer, "b");
    }
    Path log = dir.resolve(FileConfigStore.LOG);
    byte[] lines = Files.readAllBytes(log);
    try (ConfigWriter writer = start(FileConfigStore.open(dir, 0))) {
      addService(writer, "c");
    }
    // As if the process died after renaming the snapshot but before emptying the log.
    Files.write(log, lines);
    try (ConfigWriter writer = start(FileConfigStore.open(dir))) {
      assertThat(names(writer.live().current().configuration())).containsExactly("a", "b", "c");
      assertThat(Files.size(log)).isZero();
      addService(writer, "d");
    }
    try (ConfigWriter writer = start(FileConfigStore.open(dir))) {
      assertThat(names(writer.live().current().configuration())).containsExactly("a", "b", "c", "d");
    }
  }

  @Test
  void aLeftoverTempSnapshotIsDiscarded() throws Exception {
    Files.writeString(dir.resolve("config.json.tmp"), "{\"half");
    try (ConfigWriter writer = start(FileConfigStore.open(dir))) {
      assertThat(writer.storedBefore()).isFalse();
    }
    assertThat(dir.resolve("config.json.tmp")).doesNotExist();
  }
}
