package dev.llmgateway.internal.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.util.Set;

/**
 * The file-system calls {@link FileConfigStore} makes, behind one seam so that tests can count every
 * {@code force()} and every directory sync, or inject failures.
 */
interface FileAccess {
  FileChannel open(Path path, Set<? extends OpenOption> options) throws IOException;

  /** Makes a directory's entries (a rename, a new file) durable. */
  void syncDirectory(Path dir) throws IOException;

  /** Renames atomically, replacing the target. */
  void move(Path from, Path to) throws IOException;

  /** The real file system. */
  FileAccess SYSTEM = new FileAccess() {
    @Override
    public FileChannel open(Path path, Set<? extends OpenOption> options) throws IOException {
      return FileChannel.open(path, options);
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
      try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
        channel.force(true);
      }
    }

    @Override
    public void move(Path from, Path to) throws IOException {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
  };
}
