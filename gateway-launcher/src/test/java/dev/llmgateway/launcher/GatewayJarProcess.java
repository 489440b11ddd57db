package dev.llmgateway.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built {@code gateway.jar} run as a child process, as users run it: {@code java -jar gateway.jar ...}. Keeps
 * every output line, finds the listen URLs it prints, and is stopped by its PID (SIGTERM, then SIGKILL after 10 s).
 */
final class GatewayJarProcess implements AutoCloseable {
  private static final Pattern LISTEN = Pattern.compile("^\\s+(proxy|admin)\\s+(https?://\\S+)");
  private static final Pattern READY = Pattern.compile("\\bready in \\d+ ms\\b");
  /** The last line of the start-up banner: once it is read, every listen address is. */
  private static final Pattern BANNER_END = Pattern.compile("^  admin key ");

  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Thread reader;

  private GatewayJarProcess(Process process) {
    this.process = process;
    this.reader = new Thread(this::readOutput, "gateway-jar-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** The jar under test, from failsafe's {@code gateway.jar} property. */
  static Path jar() {
    String path = System.getProperty("gateway.jar");
    if (path == null || !Files.isRegularFile(Path.of(path))) {
      throw new IllegalStateException("system property gateway.jar must name the built jar, got " + path);
    }
    return Path.of(path);
  }

  /** Starts {@code java -jar gateway.jar ARGS} with {@code env} added to a clean environment (PATH and HOME kept). */
  static GatewayJarProcess run(Map<String, String> env, Path workDir, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-jar", jar().toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true);
    Map<String, String> e = pb.environment();
    e.keySet().removeIf(k -> k.startsWith("GATEWAY_") || k.startsWith("KONG_") || k.endsWith("_URL"));
    e.putAll(env);
    return new GatewayJarProcess(pb.start());
  }

  /**
   * Starts the gateway and waits (at most 30 s: a loaded two-core CI machine has taken over 10 s to start a JVM)
   * until it printed that it is ready, and where it listens.
   */
  static GatewayJarProcess start(Map<String, String> env, Path workDir, String... args) throws Exception {
    GatewayJarProcess p = run(env, workDir, args);
    try {
      p.awaitLine(READY, 30);
      p.awaitLine(BANNER_END, 10);
      return p;
    } catch (AssertionError | InterruptedException e) {
      p.close();
      throw e;
    }
  }

  static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private void readOutput() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        lines.add(line);
      }
    } catch (IOException e) {
      lines.add("<output read failed: " + e + ">");
    }
  }

  /** Waits for a line matching {@code pattern}; fails with the output so far when the process ends or time is up. */
  String awaitLine(Pattern pattern, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      for (String line : lines) {
        if (pattern.matcher(line).find()) {
          return line;
        }
      }
      if (!process.isAlive() && !reader.isAlive()) {
        break;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no line matching /" + pattern + "/ within " + seconds + " s (alive="
        + process.isAlive() + "); output:\n" + String.join("\n", lines));
  }

  /** The first listen URL of {@code kind} ("proxy" or "admin") and scheme, as printed at start-up. */
  URI url(String kind, String scheme) {
    for (String line : lines) {
      Matcher m = LISTEN.matcher(line);
      if (m.find() && m.group(1).equals(kind) && m.group(2).startsWith(scheme + "://")) {
        return URI.create(m.group(2));
      }
    }
    throw new AssertionError("no " + kind + " " + scheme + " address printed; output:\n" + String.join("\n", lines));
  }

  /** A URL on the first plain proxy listener, e.g. {@code proxy("/v1/vllm/v1/models")}. */
  URI proxy(String path) {
    return url("proxy", "http").resolve(path);
  }

  /** A URL on the admin listener. */
  URI admin(String path) {
    return url("admin", "http").resolve(path);
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  String output() {
    return String.join("\n", lines);
  }

  long pid() {
    return process.pid();
  }

  /**
   * Sends SIGTERM through the process handle: {@code Process.destroy()} would also close our end of its output,
   * and the test still wants to read what the gateway prints while it drains.
   */
  void terminate() {
    process.toHandle().destroy();
  }

  /** Waits for the exit status (at most {@code seconds}); fails with the output when it does not exit. */
  int awaitExit(int seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new AssertionError("still running after " + seconds + " s; output:\n" + output());
    }
    reader.join(TimeUnit.SECONDS.toMillis(5));
    return process.exitValue();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.toHandle().destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          process.waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
