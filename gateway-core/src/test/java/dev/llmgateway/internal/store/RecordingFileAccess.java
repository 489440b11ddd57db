package dev.llmgateway.internal.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A file system (the real one unless given another), recording every open, write, {@code force()} and directory
 * sync in order, and able to fail the next {@code force()} calls on demand — of any file, or of one file only.
 */
final class RecordingFileAccess implements FileAccess {
  final List<String> events = new CopyOnWriteArrayList<>();
  final AtomicInteger failForces = new AtomicInteger();
  /** When set, only forces of the file of this name count against {@link #failForces}. */
  volatile String failForcesOf;
  private final FileAccess delegate;

  RecordingFileAccess() {
    this(FileAccess.SYSTEM);
  }

  RecordingFileAccess(FileAccess delegate) {
    this.delegate = delegate;
  }

  @Override
  public FileChannel open(Path path, Set<? extends OpenOption> options) throws IOException {
    String name = path.getFileName().toString();
    events.add("open " + name);
    return new Recording(delegate.open(path, options), name);
  }

  @Override
  public void syncDirectory(Path dir) throws IOException {
    events.add("dirsync");
    delegate.syncDirectory(dir);
  }

  @Override
  public void move(Path from, Path to) throws IOException {
    events.add("move " + from.getFileName() + " " + to.getFileName());
    delegate.move(from, to);
  }

  long count(String prefix) {
    return events.stream().filter(e -> e.startsWith(prefix)).count();
  }

  private final class Recording extends ForwardingFileChannel {
    private final String name;

    Recording(FileChannel delegate, String name) {
      super(delegate);
      this.name = name;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      events.add("write " + name);
      return super.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
      events.add("write " + name);
      return super.write(srcs, offset, length);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
      events.add("write " + name);
      return super.write(src, position);
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      events.add("truncate " + name);
      return super.truncate(size);
    }

    @Override
    public void force(boolean metaData) throws IOException {
      String only = failForcesOf;
      if ((only == null || only.equals(name)) && failForces.get() > 0) {
        failForces.decrementAndGet();
        events.add("force-failed " + name);
        throw new IOException("injected fsync failure");
      }
      super.force(metaData);
      events.add("force " + name);
    }
  }
}
