package dev.llmgateway.internal.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A directory on a disk with little room, for the store's full-disk tests: a real tmpfs when the tests run as root
 * with {@code mount} at hand, as in CI; otherwise a simulated one ({@link QuotaFileAccess}). As root a tmpfs that
 * fails to mount fails the test rather than quietly testing the simulation, unless
 * {@code -Dllmgateway.test.simulateSmallDisk=true} asks for it (say, in a container without mount rights).
 * Space is taken and given back with a ballast file beside the store's files.
 */
final class SmallDisk implements AutoCloseable {
  private static final String BALLAST = "ballast";

  private final Path dir;
  private final TmpfsMount mount;
  private final QuotaFileAccess quota;

  private SmallDisk(Path dir, TmpfsMount mount, QuotaFileAccess quota) {
    this.dir = dir;
    this.mount = mount;
    this.quota = quota;
  }

  /** A disk of {@code bytes} at {@code dir}, which must be empty or missing. */
  static SmallDisk create(Path dir, long bytes) throws IOException {
    if (TmpfsMount.possible() && !Boolean.getBoolean("llmgateway.test.simulateSmallDisk")) {
      return new SmallDisk(dir, TmpfsMount.mount(dir, bytes), null);
    }
    Files.createDirectories(dir);
    return new SmallDisk(dir, null, new QuotaFileAccess(dir, bytes));
  }

  Path dir() {
    return dir;
  }

  /** Whether this is a real tmpfs (else a simulation). */
  boolean real() {
    return mount != null;
  }

  /** The file system for the store: the plain one on a tmpfs, the quota-enforcing one otherwise. */
  FileAccess access() {
    return real() ? FileAccess.SYSTEM : quota;
  }

  long freeBytes() throws IOException {
    return real() ? Files.getFileStore(dir).getUsableSpace() : quota.freeBytes();
  }

  /** Writes a ballast file that leaves about {@code bytes} free (less by the file system's rounding). */
  void fillLeaving(long bytes) throws IOException {
    removeBallast();
    long size = freeBytes() - bytes;
    byte[] chunk = new byte[4096];
    try (OutputStream out = Files.newOutputStream(dir.resolve(BALLAST))) {
      for (long left = size; left > 0; left -= chunk.length) {
        out.write(chunk, 0, (int) Math.min(chunk.length, left));
      }
    }
  }

  void removeBallast() throws IOException {
    Files.deleteIfExists(dir.resolve(BALLAST));
  }

  @Override
  public void close() throws IOException {
    if (mount != null) {
      mount.close();
    }
  }
}
