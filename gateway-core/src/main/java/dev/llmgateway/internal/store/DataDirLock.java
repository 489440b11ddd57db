package dev.llmgateway.internal.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive OS lock on a data dir's {@code .lock} file, held while a store is open: two gateways writing the
 * same files would interleave their logs and lose acknowledged writes. The OS drops the lock when the process
 * dies, even on {@code kill -9}, so a crash never leaves the dir locked.
 */
final class DataDirLock {
  static final String FILE = ".lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static DataDirLock acquire(Path dir) throws IOException {
    FileChannel channel = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      throw new IOException("data dir " + dir + " is in use by another gateway (" + dir.resolve(FILE) + " is locked)");
    }
    return new DataDirLock(channel, lock);
  }

  void release() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
