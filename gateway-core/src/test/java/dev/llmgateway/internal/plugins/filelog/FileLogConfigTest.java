package dev.llmgateway.internal.plugins.filelog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.pipeline.ConfigBinder;
import dev.llmgateway.internal.plugins.testing.TestGateway;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** file-log's config record as the gateway binds it, and the one log file per path its instances share. */
class FileLogConfigTest {
  @TempDir
  Path dir;

  private final TestGateway gw = new TestGateway(new FileLogType());

  @Test
  void theRecordMatchesTheSchema() {
    assertThat(gw.registry().names()).contains("file-log");
    String path = dir.resolve("a.log").toString();
    FileLogConfig c = ConfigBinder.of("file-log", FileLogConfig.class, FileLogConfig.SCHEMA)
        .bind(gw.validatePlugin("file-log", Map.of("path", path), Map.of()).record("config"));
    assertThat(c).isEqualTo(new FileLogConfig(path, false));
  }

  @Test
  void instancesNamingOnePathShareItsFileAcrossSnapshots() {
    Path log = dir.resolve("shared.log");
    gw.service("llm", "http://127.0.0.1:9");
    gw.route("a", "/a", "llm");
    gw.plugin("file-log", Map.of("path", log.toString()), Map.of("route", "a"));
    gw.plugin("file-log", Map.of("path", log.toString(), "reopen", true), Map.of());
    gw.snapshot();
    LogFiles files = gw.state().shared(LogFiles.KEY, () -> {
      throw new AssertionError("file-log keeps its files in the shared state");
    });
    LogFile file = files.at(log.toAbsolutePath());
    gw.route("b", "/b", "llm");
    gw.snapshot();
    assertThat(gw.state().shared(LogFiles.KEY, LogFiles::new)).isSameAs(files);
    assertThat(files.at(log.toAbsolutePath())).isSameAs(file);
  }
}
