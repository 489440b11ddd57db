package dev.llmgateway.internal.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A tmpfs of a fixed size mounted on a directory until closed. Only root may mount one. */
final class TmpfsMount implements AutoCloseable {
  private final Path dir;

  private TmpfsMount(Path dir) {
    this.dir = dir;
  }

  /** Whether this process runs as root on a system with a {@code mount} command. */
  static boolean possible() {
    try {
      return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"))
          && (Files.isExecutable(Path.of("/usr/bin/mount")) || Files.isExecutable(Path.of("/bin/mount")));
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Mounts a tmpfs of {@code bytes} on {@code dir} (created if missing). */
  static TmpfsMount mount(Path dir, long bytes) throws IOException {
    Files.createDirectories(dir);
    run(List.of("mount", "-t", "tmpfs", "-o", "size=" + bytes + ",mode=0700", "tmpfs", dir.toString()));
    return new TmpfsMount(dir);
  }

  Path dir() {
    return dir;
  }

  /**
   * Unmounts. When a file on it is still open (a store a failing test did not close), detaches it lazily instead,
   * so that no mount outlives the test, and reports the failure.
   */
  @Override
  public void close() throws IOException {
    try {
      run(List.of("umount", dir.toString()));
    } catch (IOException busy) {
      run(List.of("umount", "-l", dir.toString()));
      throw new IOException("the tmpfs on " + dir + " was busy (a file left open?); detached it lazily", busy);
    }
  }

  private static void run(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not finish within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted waiting for " + String.join(" ", command), e);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): " + output);
    }
  }
}
