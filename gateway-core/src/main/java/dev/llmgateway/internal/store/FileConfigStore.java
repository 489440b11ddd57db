package dev.llmgateway.internal.store;

import dev.llmgateway.store.ConfigStore;

import dev.llmgateway.store.ChangeSet;

import dev.llmgateway.store.StoredConfig;

import dev.llmgateway.config.Configuration;
import dev.llmgateway.internal.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The embedded default {@link ConfigStore}: a snapshot {@code config.json} plus an append-only change log
 * {@code config.jsonl} in the data dir.
 *
 * <p>Why a log and not only snapshots: an admin write must be durable before it is acknowledged, and with a
 * thousand routes the whole state is close to a megabyte. Serializing, writing and fsyncing that per write
 * measured 148 writes/s with one client (599 with eight) on the development disk, under the 200/s goal; appending
 * one fsynced line of about a kilobyte measured 430 writes/s (2,066 with eight, thanks to group commit: one
 * fsync per batch of concurrent writes) — see {@code AdminWriteBenchmark}. A whole configuration replaced is
 * written as the new snapshot instead of a log line. Otherwise, once an append has made the log outgrow the
 * threshold, the log is compacted into a new snapshot — after that append is durable, so that a compaction that
 * fails (a disk with room for a line but not for a snapshot) costs no write: the log is its durable record, and
 * compaction is tried again later, spaced out by a {@link CompactionBackoff}. A crash, or a failure, between the
 * snapshot rename and the log reset leaves log lines whose sequence numbers the snapshot already covers; loading
 * skips them.
 */
public final class FileConfigStore implements ConfigStore {
  /** The snapshot file name. */
  public static final String SNAPSHOT = "config.json";
  /** The change log file name. */
  public static final String LOG = "config.jsonl";
  static final long DEFAULT_COMPACT_AFTER = 8L << 20;
  /** Compact at {@link #DEFAULT_COMPACT_AFTER} or twice the snapshot size, whichever is larger. */
  static final long ADAPTIVE = -1;
  private static final System.Logger LOGGER = System.getLogger(FileConfigStore.class.getName());

  private final Path dir;
  private final FileAccess fs;
  private final long compactAfterBytes;
  private final SnapshotFile snapshot;
  private final WriteAheadLog log;
  private final CompactionBackoff backoff;
  private long sequence;
  private long snapshotBytes;
  private boolean loaded;
  private volatile boolean healthy = true;
  private final DataDirLock lock;

  FileConfigStore(Path dir, FileAccess fs, long compactAfterBytes) throws IOException {
    this(dir, fs, compactAfterBytes, System::nanoTime);
  }

  FileConfigStore(Path dir, FileAccess fs, long compactAfterBytes, LongSupplier nanoTime) throws IOException {
    this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath();
    this.fs = Objects.requireNonNull(fs, "fs");
    this.compactAfterBytes = compactAfterBytes;
    Files.createDirectories(this.dir);
    this.lock = DataDirLock.acquire(this.dir);
    this.snapshot = new SnapshotFile(this.dir.resolve(SNAPSHOT), fs);
    this.log = new WriteAheadLog(this.dir.resolve(LOG), fs);
    this.backoff = new CompactionBackoff(nanoTime);
  }

  /**
   * A store in {@code dataDir} (created if missing) that compacts its log once it reaches 8 MiB or twice the
   * snapshot's size, whichever is larger — so a big configuration is not rewritten every few writes.
   */
  public static FileConfigStore open(Path dataDir) throws IOException {
    return new FileConfigStore(dataDir, FileAccess.SYSTEM, ADAPTIVE);
  }

  /** A store in {@code dataDir} that compacts its log once it holds {@code compactAfterBytes} (0: every write). */
  public static FileConfigStore open(Path dataDir, long compactAfterBytes) throws IOException {
    return new FileConfigStore(dataDir, FileAccess.SYSTEM, compactAfterBytes);
  }

  public Path dataDir() {
    return dir;
  }

  /**
   * Reads the snapshot and replays the log. A torn last log line (a crash in the middle of an append that was
   * therefore never acknowledged) is truncated here, before anything else writes.
   */
  @Override
  public synchronized Optional<StoredConfig> load() throws IOException {
    snapshot.discardTemp();
    StoredConfig base = snapshot.read();
    StoredTables tables = new StoredTables(base);
    long snapshotSequence = base == null ? 0 : base.sequence();
    snapshotBytes = base == null ? 0 : Files.size(dir.resolve(SNAPSHOT));
    WriteAheadLog.Scan scan = WriteAheadLog.scan(dir.resolve(LOG));
    long expected = snapshotSequence + 1;
    boolean stale = false;
    for (LogLine line : scan.lines()) {
      if (line.sequence() <= snapshotSequence) {
        stale = true;
        continue;
      }
      if (line.sequence() != expected) {
        throw new IOException("store log " + dir.resolve(LOG) + " skips from change " + (expected - 1) + " to "
            + line.sequence());
      }
      tables.apply(line.change());
      expected++;
    }
    sequence = expected - 1;
    log.open(scan.validBytes());
    StoredConfig current = tables.toStored(sequence);
    if (stale) {
      // A crash or a failure hit between a snapshot rename and the log reset: fold everything into a fresh
      // snapshot (durable before the log is emptied). If that fails too, as on a full disk, the store still opens:
      // the stale lines stay harmless, skipped at every load until a later compaction empties the log.
      compact(current::tables);
    }
    loaded = true;
    boolean present = base != null || !scan.lines().isEmpty();
    return present ? Optional.of(current) : Optional.empty();
  }

  @Override
  public synchronized void commit(List<ChangeSet> changes, Configuration result) throws IOException {
    if (!loaded) {
      throw new IllegalStateException("load() must run before commit()");
    }
    if (changes.isEmpty()) {
      return;
    }
    boolean replace = changes.stream().anyMatch(ChangeSet::isReplacement);
    try {
      if (replace) {
        writeSnapshot(sequence + changes.size(), RowCodec.tables(result));
      } else {
        appendLines(changes);
      }
      healthy = true;
    } catch (IOException | UncheckedIOException e) {
      healthy = false;
      throw e instanceof IOException io ? io : ((UncheckedIOException) e).getCause();
    }
    if (!replace && log.size() >= compactionThreshold() && backoff.allowsAttempt()) {
      compact(() -> RowCodec.tables(result));
    }
  }

  private long compactionThreshold() {
    return compactAfterBytes >= 0 ? compactAfterBytes : Math.max(DEFAULT_COMPACT_AFTER, 2 * snapshotBytes);
  }

  private void appendLines(List<ChangeSet> changes) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    long next = sequence;
    for (ChangeSet change : changes) {
      next++;
      out.writeBytes(LogLine.encode(next, Json.write(change.toJson())));
    }
    log.append(out.toByteArray());
    sequence = next;
  }

  /**
   * Folds the log into a snapshot of {@code tables}, the state at {@link #sequence}, which the log already holds
   * durably. Never throws: a failure here must not fail (nor, worse, un-acknowledge) a write the log has taken.
   * A snapshot that fails after its rename is harmless too, for it covers exactly what the log holds.
   */
  private void compact(Supplier<Map<String, List<Map<String, Object>>>> tables) {
    try {
      writeSnapshot(sequence, tables.get());
    } catch (IOException | RuntimeException e) {
      backoff.failed();
      LOGGER.log(System.Logger.Level.WARNING, "Compacting the store log " + dir.resolve(LOG) + " ("
          + log.size() + " bytes) failed, writes go on to the log; next attempt in "
          + TimeUnit.NANOSECONDS.toSeconds(backoff.delayNanos()) + " s or later: " + e);
    }
  }

  private void writeSnapshot(long newSequence, Map<String, List<Map<String, Object>>> tables) throws IOException {
    snapshotBytes = snapshot.write(newSequence, tables);
    sequence = newSequence;
    backoff.succeeded();
    try {
      log.reset();
    } catch (IOException e) {
      // The snapshot is durable and covers every log line; stale lines are skipped when loading.
    }
  }

  @Override
  public boolean healthy() {
    return healthy;
  }

  @Override
  public String describe() {
    return "file:" + dir;
  }

  @Override
  public synchronized void close() throws IOException {
    try {
      log.close();
    } finally {
      lock.release();
    }
  }
}
