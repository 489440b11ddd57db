package dev.llmgateway.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real file system, recording every write, {@code force()} and directory sync in order, and able to fail the
 * next {@code force()} calls on demand.
 */
final class RecordingFileAccess implements FileAccess {
  final List<String> events = new CopyOnWriteArrayList<>();
  final AtomicInteger failForces = new AtomicInteger();

  @Override
  public FileChannel open(Path path, Set<? extends OpenOption> options) throws IOException {
    return new Recording(FileChannel.open(path, options), path.getFileName().toString());
  }

  @Override
  public void syncDirectory(Path dir) throws IOException {
    events.add("dirsync");
    FileAccess.SYSTEM.syncDirectory(dir);
  }

  @Override
  public void move(Path from, Path to) throws IOException {
    events.add("move " + from.getFileName() + " " + to.getFileName());
    FileAccess.SYSTEM.move(from, to);
  }

  long count(String prefix) {
    return events.stream().filter(e -> e.startsWith(prefix)).count();
  }

  private final class Recording extends FileChannel {
    private final FileChannel delegate;
    private final String name;

    Recording(FileChannel delegate, String name) {
      this.delegate = delegate;
      this.name = name;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return delegate.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
      return delegate.read(dsts, offset, length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      events.add("write " + name);
      return delegate.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
      events.add("write " + name);
      return delegate.write(srcs, offset, length);
    }

    @Override
    public long position() throws IOException {
      return delegate.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
      delegate.position(newPosition);
      return this;
    }

    @Override
    public long size() throws IOException {
      return delegate.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      events.add("truncate " + name);
      delegate.truncate(size);
      return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
      if (failForces.get() > 0) {
        failForces.decrementAndGet();
        events.add("force-failed " + name);
        throw new IOException("injected fsync failure");
      }
      delegate.force(metaData);
      events.add("force " + name);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
      return delegate.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
      return delegate.transferFrom(src, position, count);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      return delegate.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
      events.add("write " + name);
      return delegate.write(src, position);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
      return delegate.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
      return delegate.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
      return delegate.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
      delegate.close();
    }
  }
}
