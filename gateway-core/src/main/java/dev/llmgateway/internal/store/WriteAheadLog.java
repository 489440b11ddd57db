package dev.llmgateway.internal.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The store's append-only {@code .jsonl} change log. Appends are written whole and fsynced before they count;
 * a failed append is cut off again so that the next one never follows half a line.
 */
final class WriteAheadLog implements Closeable {
  /** The valid lines of a log file and where they end. */
  record Scan(List<LogLine> lines, long validBytes, boolean tornTail) {}

  private final Path path;
  private final FileAccess fs;
  private FileChannel channel;
  private long size;

  WriteAheadLog(Path path, FileAccess fs) {
    this.path = path;
    this.fs = fs;
  }

  /**
   * Reads every valid line. Bytes after the last valid line (a torn final write) are reported as a torn tail;
   * an invalid line followed by valid ones is corruption, never silently dropped.
   */
  static Scan scan(Path path) throws IOException {
    if (!Files.exists(path)) {
      return new Scan(List.of(), 0, false);
    }
    byte[] bytes = Files.readAllBytes(path);
    List<LogLine> lines = new ArrayList<>();
    int start = 0;
    long validEnd = 0;
    int badLine = -1;
    int lineNumber = 0;
    while (start < bytes.length) {
      int newline = indexOf(bytes, (byte) '\n', start);
      int end = newline < 0 ? bytes.length : newline;
      lineNumber++;
      LogLine line = newline < 0 ? null : LogLine.decode(new String(bytes, start, end - start, StandardCharsets.UTF_8));
      if (line == null) {
        if (badLine < 0) {
          badLine = lineNumber;
        }
      } else if (badLine >= 0) {
        throw new IOException("store log " + path + " is corrupt at line " + badLine
            + " (valid lines follow it); refusing to guess which changes were acknowledged");
      } else {
        lines.add(line);
        validEnd = end + 1L;
      }
      start = newline < 0 ? bytes.length : newline + 1;
    }
    return new Scan(lines, validEnd, validEnd < bytes.length);
  }

  private static int indexOf(byte[] bytes, byte b, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  /** Opens the log for appending at {@code validBytes}, cutting anything after it and creating the file if needed. */
  void open(long validBytes) throws IOException {
    boolean created = !Files.exists(path);
    channel = fs.open(path, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ));
    if (channel.size() > validBytes) {
      channel.truncate(validBytes);
      channel.force(false);
    }
    size = validBytes;
    if (created) {
      fs.syncDirectory(path.getParent());
    }
  }

  /** Appends whole lines and fsyncs them; on failure the log is cut back to where it was. */
  void append(byte[] lines) throws IOException {
    try {
      ByteBuffer buffer = ByteBuffer.wrap(lines);
      long position = size;
      while (buffer.hasRemaining()) {
        position += channel.write(buffer, position);
      }
      CrashSwitch.at(CrashSwitch.Point.LOG_WRITTEN);
      channel.force(false);
      CrashSwitch.at(CrashSwitch.Point.LOG_SYNCED);
      size += lines.length;
    } catch (IOException e) {
      cutBack();
      throw e;
    }
  }

  private void cutBack() {
    try {
      channel.truncate(size);
      channel.force(false);
    } catch (IOException ignored) {
      // The caller marks the store unhealthy; the next load truncates the torn tail anyway.
    }
  }

  /** Empties the log (after a snapshot made its lines redundant). */
  void reset() throws IOException {
    channel.truncate(0);
    channel.force(false);
    size = 0;
  }

  long size() {
    return size;
  }

  @Override
  public void close() throws IOException {
    if (channel != null) {
      channel.close();
    }
  }
}
