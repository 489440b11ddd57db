package dev.llmgateway.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Crash consistency of {@link FileConfigStore} with a real child JVM: killed with SIGKILL at random moments
 * while a client writes, and halted at fixed points of the write sequences. After every restart each
 * acknowledged write is present, nothing that was never sent appears, and the state files parse.
 *
 * <p>The random kills run 10 cycles; {@code -Dllmgateway.test.killCycles=200} runs more by hand, and the test
 * prints its figures (to its surefire output file).
 */
class StoreCrashTest {
  private static final Pattern ACK = Pattern.compile("^ACK (\\S+) OK$");
  private static final long COMPACT_AFTER = 16384;

  @TempDir
  Path dir;

  /** One running child and the lines it printed. */
  private static final class Child implements AutoCloseable {
    final Process process;
    final Writer stdin;
    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    Child(Path dir, String crashAt) throws IOException, InterruptedException {
      this(dir, crashAt, COMPACT_AFTER);
    }

    Child(Path dir, String crashAt, long compactAfter) throws IOException, InterruptedException {
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx96m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
      if (crashAt != null) {
        command.add("-Dllmgateway.store.crashAt=" + crashAt);
      }
      command.addAll(List.of("-cp", System.getProperty("java.class.path"), StoreChild.class.getName(),
          dir.toString(), Long.toString(compactAfter)));
      process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) {
            lines.add(line);
          }
        } catch (IOException ignored) {
          // the child died; that is the point
        }
        lines.add("<EOF>");
      }, "child-reader");
      reader.setDaemon(true);
      reader.start();
      assertThat(next()).isEqualTo("READY");
    }

    String next() throws InterruptedException {
      String line = lines.poll(10, TimeUnit.SECONDS);
      assertThat(line).as("a line from the child within 10 s").isNotNull();
      return line;
    }

    void send(String command) throws IOException {
      stdin.write(command + "\n");
      stdin.flush();
    }

    Set<String> list() throws Exception {
      send("LIST");
      Set<String> names = new LinkedHashSet<>();
      for (String line = next(); !line.equals("END"); line = next()) {
        if (line.startsWith("NAME ")) {
          names.add(line.substring(5));
        }
      }
      return names;
    }

    void kill() throws InterruptedException {
      process.destroyForcibly();
      assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    @Override
    public void close() {
      if (process.isAlive()) {
        try {
          send("QUIT");
        } catch (IOException halted) {
          // it is exiting already
        }
        try {
          if (!process.waitFor(10, TimeUnit.SECONDS)) {
            kill();
          }
        } catch (InterruptedException e) {
          process.destroyForcibly();
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  @Test
  void killedAtRandomMomentsWhileWritingLosesNoAcknowledgedWrite() throws Exception {
    Random random = new Random(42);
    Set<String> acked = ConcurrentHashMap.newKeySet();
    Set<String> sent = ConcurrentHashMap.newKeySet();
    int counter = 0;
    int cycles = Integer.getInteger("llmgateway.test.killCycles", 10);
    for (int kill = 0; kill < cycles; kill++) {
      Child child = new Child(dir, null);
      assertRecovered(child.list(), acked, sent);
      int ackedBefore = acked.size();
      long stopAt = 0;
      int inFlight = 0;
      while (true) {
        while (inFlight < 8) {
          String name = "s" + (++counter);
          sent.add(name);
          child.send((counter % 40 == 0 ? "REPLACE " : "PUT ") + name);
          inFlight++;
        }
        String line = child.next();
        Matcher m = ACK.matcher(line);
        assertThat(m.matches()).as(line).isTrue();
        acked.add(m.group(1));
        inFlight--;
        if (stopAt == 0) {
          stopAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50 + random.nextInt(400));
        } else if (System.nanoTime() >= stopAt) {
          break;
        }
      }
      child.kill();
      assertThat(acked.size()).as("cycle %d acknowledged writes", kill).isGreaterThan(ackedBefore);
    }
    Set<String> listed;
    try (Child child = new Child(dir, null)) {
      listed = child.list();
      assertRecovered(listed, acked, sent);
    }
    assertStateFilesParse();
    System.out.printf("kill -9 cycles: %d, writes sent: %d, acknowledged: %d, acknowledged found after restart: %d,"
        + " found in all: %d%n", cycles, sent.size(), acked.size(), acked.stream().filter(listed::contains).count(),
        listed.size());
  }

  private static void assertRecovered(Set<String> listed, Set<String> acked, Set<String> sent) {
    assertThat(listed).containsAll(acked);
    assertThat(sent).containsAll(listed);
  }

  /** With a compaction size of 0 every PUT is appended, then compacted: the append alone makes it durable. */
  @ParameterizedTest(name = "halt at {0} of a {1} (compaction size {2})")
  @CsvSource({
      "snapshot-written, REPLACE, 16384, false",
      "snapshot-synced, REPLACE, 16384, false",
      "snapshot-renamed, REPLACE, 16384, true",
      "log-synced, PUT, 16384, true",
      "snapshot-written, PUT, 0, true",
      "snapshot-renamed, PUT, 0, true"})
  void haltedAtAFixedPointKeepsEveryAcknowledgedWrite(String point, String command, long compactAfter,
      boolean lastSurvives) throws Exception {
    try (Child child = new Child(dir, point + ":3", compactAfter)) {
      child.send(command + " a");
      assertThat(child.next()).isEqualTo("ACK a OK");
      child.send(command + " b");
      assertThat(child.next()).isEqualTo("ACK b OK");
      child.send(command + " c");
      assertThat(child.next()).as("the child halts before acknowledging c").isEqualTo("<EOF>");
      assertThat(child.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(child.process.exitValue()).isEqualTo(137);
    }
    try (Child child = new Child(dir, null)) {
      Set<String> names = child.list();
      assertThat(names).startsWith("a", "b");
      if (lastSurvives) {
        assertThat(names).containsExactly("a", "b", "c");
      } else {
        assertThat(names).containsExactly("a", "b");
      }
      child.send("PUT d");
      assertThat(child.next()).isEqualTo("ACK d OK");
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
    assertStateFilesParse();
  }

  @Test
  void haltedBetweenALogWriteAndItsFsyncLosesNothingAcknowledged() throws Exception {
    try (Child child = new Child(dir, "log-written:2")) {
      child.send("PUT a");
      assertThat(child.next()).isEqualTo("ACK a OK");
      child.send("PUT b");
      assertThat(child.next()).isEqualTo("<EOF>");
    }
    try (Child child = new Child(dir, null)) {
      // b reached the page cache before the halt, so a process crash keeps it; only power loss could drop it.
      assertThat(child.list()).startsWith("a").isSubsetOf("a", "b");
    }
    assertStateFilesParse();
  }

  private void assertStateFilesParse() throws IOException {
    Path snapshot = dir.resolve(FileConfigStore.SNAPSHOT);
    if (Files.exists(snapshot)) {
      assertThat(Json.parseObject(Files.readString(snapshot))).containsKeys("format", "sequence", "tables");
    }
    Path log = dir.resolve(FileConfigStore.LOG);
    if (Files.exists(log)) {
      for (String line : Files.readAllLines(log)) {
        assertThat(LogLine.decode(line)).as(line).isNotNull();
      }
    }
  }
}
