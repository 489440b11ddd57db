package dev.llmgateway.internal.plugins.filelog;

import dev.llmgateway.plugin.StateKey;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The gateway's open log files by absolute path, kept as shared run-time state: every file-log instance naming a
 * path, in this snapshot or the next, appends through the same {@link LogFile}, so its lines never interleave.
 */
final class LogFiles {
  static final StateKey<LogFiles> KEY = StateKey.of("file-log/files", LogFiles.class);

  private final ConcurrentMap<Path, LogFile> files = new ConcurrentHashMap<>();

  /** The file at {@code path} (absolute), made on first use. */
  LogFile at(Path path) {
    return files.computeIfAbsent(path, LogFile::new);
  }
}
