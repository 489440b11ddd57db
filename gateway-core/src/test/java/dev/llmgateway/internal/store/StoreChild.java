package dev.llmgateway.internal.store;

import dev.llmgateway.internal.admin.TestPlugins;
import dev.llmgateway.config.Configuration;
import dev.llmgateway.entity.Service;
import dev.llmgateway.internal.pipeline.PluginStates;
import dev.llmgateway.schema.Row;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * The child process of the crash tests: opens a {@link FileConfigStore} and serves writes read from stdin, one
 * command a line — {@code PUT <name>} (an appended change), {@code REPLACE <name>} (a whole-configuration
 * snapshot), {@code LIST}, {@code QUIT} — answering {@code ACK <name> OK} only once the write is durable.
 * Arguments: the data dir and the compaction threshold in bytes.
 */
public final class StoreChild {
  private StoreChild() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    EntityWrites writes = EntityWrites.withSystemClock();
    try (ConfigWriter writer = ConfigWriter.start(FileConfigStore.open(Path.of(args[0]), Long.parseLong(args[1])),
        TestPlugins.registry(), new PluginStates())) {
      say(out, "READY");
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line;
      while ((line = in.readLine()) != null) {
        String[] cmd = line.split(" ");
        switch (cmd[0]) {
          case "PUT" -> writer.submit(cfg -> writes.insert(cfg, Service.TYPE, service(cmd[1])))
              .whenComplete((row, error) -> say(out, error == null ? "ACK " + cmd[1] + " OK" : "ERR " + cmd[1]));
          case "REPLACE" -> writer.submit(cfg -> {
            Configuration next = writes.insert(cfg, Service.TYPE, service(cmd[1])).next();
            return EntityWrites.replaceAll(cfg, next);
          }).whenComplete((cfg, error) -> say(out, error == null ? "ACK " + cmd[1] + " OK" : "ERR " + cmd[1]));
          case "LIST" -> {
            for (Row row : writer.live().current().configuration().rows(Service.TYPE)) {
              say(out, "NAME " + row.string("name"));
            }
            say(out, "END");
          }
          default -> {
            return;
          }
        }
      }
    }
  }

  private static Map<String, Object> service(String name) {
    return Map.of("name", name, "host", name + ".test");
  }

  private static synchronized void say(PrintStream out, String line) {
    out.println(line);
    out.flush();
  }
}
