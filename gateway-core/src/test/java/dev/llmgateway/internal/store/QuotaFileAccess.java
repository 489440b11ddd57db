package dev.llmgateway.internal.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The real file system with a limit on the bytes the files of one directory may hold. A write that would pass it
 * writes what still fits, as a full disk does, and the next one fails with "No space left on device". Stands in
 * for a small tmpfs where one cannot be mounted (not root).
 */
final class QuotaFileAccess implements FileAccess {
  private final Path dir;
  private final long limit;

  QuotaFileAccess(Path dir, long limit) {
    this.dir = dir;
    this.limit = limit;
  }

  /** How many more bytes the directory's files may hold. */
  long freeBytes() throws IOException {
    long used = 0;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(file)) {
          used += Files.size(file);
        }
      }
    }
    return Math.max(0, limit - used);
  }

  @Override
  public FileChannel open(Path path, Set<? extends OpenOption> options) throws IOException {
    return new QuotaChannel(FileAccess.SYSTEM.open(path, options));
  }

  @Override
  public void syncDirectory(Path dir) throws IOException {
    FileAccess.SYSTEM.syncDirectory(dir);
  }

  @Override
  public void move(Path from, Path to) throws IOException {
    FileAccess.SYSTEM.move(from, to);
  }

  private final class QuotaChannel extends ForwardingFileChannel {
    QuotaChannel(FileChannel delegate) {
      super(delegate);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      long position = position();
      int written = write(src, position);
      position(position + written);
      return written;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
      long written = 0;
      for (int i = offset; i < offset + length; i++) {
        int n = write(srcs[i]);
        written += n;
        if (srcs[i].hasRemaining()) {
          break;
        }
      }
      return written;
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
      long growth = Math.max(0, position + src.remaining() - size());
      long free = freeBytes();
      if (growth <= free) {
        return super.write(src, position);
      }
      long fits = Math.max(0, size() + free - position);
      if (fits <= 0) {
        throw new IOException("No space left on device");
      }
      ByteBuffer part = src.duplicate();
      part.limit(part.position() + (int) fits);
      int written = super.write(part, position);
      src.position(src.position() + written);
      return written;
    }
  }
}
