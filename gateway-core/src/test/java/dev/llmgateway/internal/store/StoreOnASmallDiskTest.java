package dev.llmgateway.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.internal.admin.TestPlugins;
import dev.llmgateway.entity.Service;
import dev.llmgateway.internal.pipeline.PluginStates;
import dev.llmgateway.schema.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FileConfigStore} on a 256 KiB disk — a real tmpfs when run as root, as in CI (see {@link SmallDisk}). With
 * room to append a line but not to write a snapshot, writes go on being acknowledged and survive a reopen; a
 * failed snapshot gives its space back at once; once space is freed the log is compacted. A write that cannot
 * even be appended is answered 503 and changes nothing.
 */
class StoreOnASmallDiskTest {
  private static final long DISK = 256 * 1024;
  private static final long COMPACT_AFTER = 8 * 1024;
  /** Services written before the disk fills: a snapshot of them is about 45 KB. */
  private static final int SERVICES = 100;
  /** Free space left by the ballast: room for dozens of log lines, not for a snapshot. */
  private static final long ROOM_FOR_LINES = 24 * 1024;

  private final EntityWrites writes = EntityWrites.withSystemClock();
  private final AtomicLong nanos = new AtomicLong();

  @TempDir
  Path tmp;

  private ConfigWriter start(SmallDisk disk, FileAccess fs, long compactAfter) throws IOException {
    return ConfigWriter.start(new FileConfigStore(disk.dir(), fs, compactAfter, nanos::get), TestPlugins.registry(),
        new PluginStates());
  }

  private CompletableFuture<Row> submitService(ConfigWriter writer, String name) {
    return writer.submit(cfg -> writes.insert(cfg, Service.TYPE, Map.of("name", name, "host", name + ".test")));
  }

  private void addService(ConfigWriter writer, String name, List<String> acknowledged) throws Exception {
    submitService(writer, name).get(10, TimeUnit.SECONDS);
    acknowledged.add(name);
  }

  private static List<String> names(ConfigWriter writer) {
    List<String> out = new ArrayList<>();
    writer.live().current().configuration().rows(Service.TYPE).forEach(r -> out.add(r.string("name")));
    return out;
  }

  private static long size(SmallDisk disk, String file) throws IOException {
    return Files.size(disk.dir().resolve(file));
  }

  private static void assertNoTempFile(SmallDisk disk) {
    assertThat(disk.dir().resolve(FileConfigStore.SNAPSHOT + ".tmp")).doesNotExist();
  }

  @Test
  void writesAreAcknowledgedWhileThereIsRoomForLinesButNotForASnapshot() throws Exception {
    List<String> acknowledged = new ArrayList<>();
    try (SmallDisk disk = SmallDisk.create(tmp.resolve("disk"), DISK)) {
      RecordingFileAccess fs = new RecordingFileAccess(disk.access());
      try (ConfigWriter writer = start(disk, fs, COMPACT_AFTER)) {
        for (int i = 0; i < SERVICES; i++) {
          addService(writer, "before" + i, acknowledged);
        }
        long snapshot = size(disk, FileConfigStore.SNAPSHOT);
        disk.fillLeaving(ROOM_FOR_LINES);
        assertThat(disk.freeBytes()).as("free space (real tmpfs: %s)", disk.real()).isLessThan(snapshot);
        long attemptsBefore = fs.count("open config.json.tmp");
        long compactionsBefore = fs.count("move config.json.tmp");
        int expectedAttempts = 0;
        for (int i = 0; i < 30; i++) {
          nanos.addAndGet(CompactionBackoff.MAX_DELAY_NANOS);
          addService(writer, "full" + i, acknowledged);
          assertThat(writer.store().healthy()).isTrue();
          assertNoTempFile(disk);
          if (size(disk, FileConfigStore.LOG) >= COMPACT_AFTER) {
            expectedAttempts++;
          }
        }
        assertThat(expectedAttempts).as("writes past the compaction size").isGreaterThanOrEqualTo(10);
        assertThat(fs.count("open config.json.tmp") - attemptsBefore).as("snapshot attempts")
            .isEqualTo(expectedAttempts);
        assertThat(fs.count("move config.json.tmp")).as("snapshots renamed into place").isEqualTo(compactionsBefore);
        assertThat(names(writer)).containsExactlyElementsOf(acknowledged);
      }
      try (ConfigWriter writer = start(disk, disk.access(), COMPACT_AFTER)) {
        assertThat(names(writer)).as("reopened on the full disk").containsExactlyElementsOf(acknowledged);
      }

      disk.removeBallast();
      long logBefore = size(disk, FileConfigStore.LOG);
      assertThat(logBefore).isGreaterThan(COMPACT_AFTER);
      try (ConfigWriter writer = start(disk, fs, COMPACT_AFTER)) {
        long compactionsBefore = fs.count("move config.json.tmp");
        addService(writer, "after", acknowledged);
        assertThat(fs.count("move config.json.tmp")).isEqualTo(compactionsBefore + 1);
      }
      assertThat(size(disk, FileConfigStore.LOG)).as("the log after compaction").isZero();
      assertNoTempFile(disk);
      try (ConfigWriter writer = start(disk, disk.access(), COMPACT_AFTER)) {
        assertThat(names(writer)).containsExactlyElementsOf(acknowledged);
      }
    }
  }

  @Test
  void afterAFailedCompactionTheNextAttemptWaitsLongerEachTime() throws Exception {
    List<String> acknowledged = new ArrayList<>();
    try (SmallDisk disk = SmallDisk.create(tmp.resolve("disk"), DISK)) {
      RecordingFileAccess fs = new RecordingFileAccess(disk.access());
      try (ConfigWriter writer = start(disk, fs, COMPACT_AFTER)) {
        for (int i = 0; i < SERVICES; i++) {
          addService(writer, "before" + i, acknowledged);
        }
        disk.fillLeaving(ROOM_FOR_LINES);
        long attempts = fs.count("open config.json.tmp");
        int written = 0;
        while (fs.count("open config.json.tmp") == attempts) {
          assertThat(written++).as("writes until the log passes the compaction size").isLessThan(40);
          addService(writer, "full" + written, acknowledged);
        }
        attempts++;
        // The clock stands still: no write may try again before the first wait (1 s) is over.
        for (int i = 0; i < 3; i++) {
          addService(writer, "waiting" + i, acknowledged);
        }
        assertThat(fs.count("open config.json.tmp")).isEqualTo(attempts);
        nanos.addAndGet(CompactionBackoff.FIRST_DELAY_NANOS - 1);
        addService(writer, "almost", acknowledged);
        assertThat(fs.count("open config.json.tmp")).isEqualTo(attempts);
        nanos.incrementAndGet();
        addService(writer, "retry1", acknowledged);
        assertThat(fs.count("open config.json.tmp")).isEqualTo(++attempts);
        // The second failure doubles the wait to 2 s.
        nanos.addAndGet(CompactionBackoff.FIRST_DELAY_NANOS);
        addService(writer, "halfway", acknowledged);
        assertThat(fs.count("open config.json.tmp")).isEqualTo(attempts);
        nanos.addAndGet(CompactionBackoff.FIRST_DELAY_NANOS);
        addService(writer, "retry2", acknowledged);
        assertThat(fs.count("open config.json.tmp")).isEqualTo(++attempts);
        assertNoTempFile(disk);
        assertThat(names(writer)).containsExactlyElementsOf(acknowledged);
      }
    }
  }

  @Test
  void aWriteThatCannotBeAppendedIsAnswered503AndChangesNothing() throws Exception {
    List<String> acknowledged = new ArrayList<>();
    try (SmallDisk disk = SmallDisk.create(tmp.resolve("disk"), DISK)) {
      try (ConfigWriter writer = start(disk, disk.access(), COMPACT_AFTER)) {
        for (int i = 0; i < 10; i++) {
          addService(writer, "before" + i, acknowledged);
        }
        disk.fillLeaving(0);
        CompletableFuture<Row> failed = null;
        long logBefore = 0;
        for (int i = 0; i < 40 && failed == null; i++) {
          logBefore = size(disk, FileConfigStore.LOG);
          CompletableFuture<Row> write = submitService(writer, "full" + i);
          try {
            write.get(10, TimeUnit.SECONDS);
            acknowledged.add("full" + i);
          } catch (ExecutionException e) {
            failed = write;
          }
        }
        assertThat(failed).as("a write that found the disk full").isNotNull();
        assertThatThrownBy(failed::join).hasCauseInstanceOf(ApiError.class)
            .cause().satisfies(e -> assertThat(((ApiError) e).status()).isEqualTo(503));
        assertThat(writer.store().healthy()).isFalse();
        assertThat(names(writer)).containsExactlyElementsOf(acknowledged);
        assertThat(size(disk, FileConfigStore.LOG)).as("the log, cut back").isEqualTo(logBefore);
        assertNoTempFile(disk);
      }
      try (ConfigWriter writer = start(disk, disk.access(), COMPACT_AFTER)) {
        assertThat(names(writer)).containsExactlyElementsOf(acknowledged);
        disk.removeBallast();
        addService(writer, "after", acknowledged);
        assertThat(writer.store().healthy()).isTrue();
      }
      try (ConfigWriter writer = start(disk, disk.access(), COMPACT_AFTER)) {
        assertThat(names(writer)).containsExactlyElementsOf(acknowledged);
      }
    }
  }

  @Test
  void aStoreWhoseLogTheSnapshotAlreadyCoversOpensOnAFullDisk() throws Exception {
    List<String> acknowledged = new ArrayList<>();
    try (SmallDisk disk = SmallDisk.create(tmp.resolve("disk"), DISK)) {
      Path log = disk.dir().resolve(FileConfigStore.LOG);
      try (ConfigWriter writer = start(disk, disk.access(), FileConfigStore.DEFAULT_COMPACT_AFTER)) {
        addService(writer, "a", acknowledged);
        addService(writer, "b", acknowledged);
      }
      byte[] coveredLines = Files.readAllBytes(log);
      try (ConfigWriter writer = start(disk, disk.access(), 0)) {
        addService(writer, "c", acknowledged);
      }
      // As if the process died after renaming a snapshot but before emptying the log.
      Files.write(log, coveredLines);
      disk.fillLeaving(0);
      try (ConfigWriter writer = start(disk, disk.access(), 0)) {
        assertThat(names(writer)).containsExactlyElementsOf(acknowledged);
        assertNoTempFile(disk);
        assertThat(Files.size(log)).as("the covered lines, left for later").isEqualTo(coveredLines.length);
        disk.removeBallast();
        nanos.addAndGet(CompactionBackoff.FIRST_DELAY_NANOS);
        addService(writer, "d", acknowledged);
        assertThat(Files.size(log)).as("the log after compaction").isZero();
      }
      try (ConfigWriter writer = start(disk, disk.access(), 0)) {
        assertThat(names(writer)).containsExactlyElementsOf(acknowledged);
      }
    }
  }
}
