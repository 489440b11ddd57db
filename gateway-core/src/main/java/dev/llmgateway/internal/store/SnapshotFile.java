package dev.llmgateway.internal.store;

import dev.llmgateway.store.StoredConfig;

import dev.llmgateway.internal.json.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The store's {@code .json} snapshot: one complete document replaced atomically — written to a {@code .tmp}
 * file, fsynced, renamed over the old one, and the directory fsynced — so a crash leaves the old or the new
 * document, never a mix.
 */
final class SnapshotFile {
  static final String FORMAT = "llm-gateway-store/1";

  private final Path path;
  private final Path temp;
  private final FileAccess fs;

  SnapshotFile(Path path, FileAccess fs) {
    this.path = path;
    this.temp = path.resolveSibling(path.getFileName() + ".tmp");
    this.fs = fs;
  }

  /** The stored snapshot, or null when there is none. */
  @SuppressWarnings("unchecked")
  StoredConfig read() throws IOException {
    if (!Files.exists(path)) {
      return null;
    }
    Map<String, Object> doc;
    try {
      doc = Json.parseObject(Files.readString(path, StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw new IOException("store snapshot " + path + " does not parse: " + e.getMessage(), e);
    }
    if (!FORMAT.equals(doc.get("format")) || !(doc.get("sequence") instanceof Long seq)
        || !(doc.get("tables") instanceof Map)) {
      throw new IOException("store snapshot " + path + " is not a " + FORMAT + " document");
    }
    Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
    ((Map<String, Object>) doc.get("tables")).forEach((k, v) -> tables.put(k, (List<Map<String, Object>>) v));
    return new StoredConfig(seq, tables);
  }

  /**
   * Replaces the snapshot atomically and durably; returns its size in bytes. When it fails before the rename, the
   * temp file is already gone: on a full disk it would otherwise keep the space it took until a restart.
   */
  long write(long sequence, Map<String, List<Map<String, Object>>> tables) throws IOException {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("format", FORMAT);
    doc.put("sequence", sequence);
    doc.put("tables", tables);
    byte[] bytes = Json.write(doc).getBytes(StandardCharsets.UTF_8);
    try {
      writeTemp(bytes);
      CrashSwitch.at(CrashSwitch.Point.SNAPSHOT_SYNCED);
      fs.move(temp, path);
    } catch (IOException | RuntimeException e) {
      discardTempAfter(e);
      throw e;
    }
    CrashSwitch.at(CrashSwitch.Point.SNAPSHOT_RENAMED);
    fs.syncDirectory(path.getParent());
    return bytes.length;
  }

  private void writeTemp(byte[] bytes) throws IOException {
    try (FileChannel channel = fs.open(temp, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING))) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      CrashSwitch.at(CrashSwitch.Point.SNAPSHOT_WRITTEN);
      channel.force(true);
    }
  }

  private void discardTempAfter(Exception failure) {
    try {
      discardTemp();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }

  /** Removes a temp file left by a crash in the middle of {@link #write}. */
  void discardTemp() throws IOException {
    Files.deleteIfExists(temp);
  }
}
