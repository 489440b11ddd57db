package dev.llmgateway.internal.plugins.filelog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.FileSystems;

/**
 * One log file, shared by every file-log instance naming it: lines are appended whole (one write per line, under
 * a lock, so concurrent log phases never interleave), the file is created 0644, and a failure to write is logged
 * once when it starts and once when writing works again. Called from log phases, which run on worker threads.
 */
final class LogFile implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("dev.llmgateway.file-log");

  private final Path path;
  private FileChannel channel;
  private boolean failing;

  LogFile(Path path) {
    this.path = path;
  }

  /** Appends {@code line} and a newline; {@code reopen} closes the file afterwards (Kong's {@code reopen}). */
  synchronized void append(String line, boolean reopen) {
    try {
      if (channel == null) {
        channel = open();
      }
      ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      if (failing) {
        failing = false;
        LOG.log(System.Logger.Level.INFO, "file-log: writing to " + path + " works again");
      }
    } catch (IOException e) {
      closeQuietly();
      if (!failing) {
        failing = true;
        LOG.log(System.Logger.Level.WARNING, "file-log: cannot write to " + path + ": " + e
            + " (lines are lost until it works again; this is logged once)");
      }
      return;
    }
    if (reopen) {
      closeQuietly();
    }
  }

  private FileChannel open() throws IOException {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return FileChannel.open(path, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
              "rw-r--r--")));
    }
    return FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  private void closeQuietly() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // the descriptor is gone either way
      }
      channel = null;
    }
  }

  @Override
  public synchronized void close() {
    closeQuietly();
  }
}
