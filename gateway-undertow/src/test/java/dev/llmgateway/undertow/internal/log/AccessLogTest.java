package dev.llmgateway.undertow.internal.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.undertow.embed.AccessLogOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessLogTest {
  private static final long TIME = Instant.parse("2026-11-27T05:31:30.042Z").toEpochMilli();

  private static AccessLogEntry entry(String path, long time) {
    return new AccessLogEntry(time, "127.0.0.1", "GET", path, 200, 12, 3, 2, "r", "s", null, "id1");
  }

  @Test
  void linesReachTheFileWithinABatchPeriodWithoutClosing(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("access.log");
    try (AccessLog log = AccessLog.open(AccessLogOptions.file(file))) {
      for (int i = 0; i < 3; i++) {
        log.record(entry("/v1/models/" + i, TIME + i * 1000L));
      }
      long deadline = System.nanoTime() + 2_000_000_000L;
      while (lines(file).size() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(lines(file)).containsExactly(
          "127.0.0.1 [2026-11-27T05:31:30.042Z] \"GET /v1/models/0\" 200 12 total_ms=3 upstream_ms=2 route=r "
              + "service=s consumer=- request_id=id1",
          "127.0.0.1 [2026-11-27T05:31:31.042Z] \"GET /v1/models/1\" 200 12 total_ms=3 upstream_ms=2 route=r "
              + "service=s consumer=- request_id=id1",
          "127.0.0.1 [2026-11-27T05:31:32.042Z] \"GET /v1/models/2\" 200 12 total_ms=3 upstream_ms=2 route=r "
              + "service=s consumer=- request_id=id1");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void llmStatsAreKongsAiFieldInJsonLines() {
    dev.llmgateway.internal.llm.LlmStats ai = new dev.llmgateway.internal.llm.LlmStats("openai", "gpt-4o", "gpt-4o-2024\"x", 25, 12,
        37, 120.4, 8.25, true, false);
    AccessLogEntry e = new AccessLogEntry(TIME, "127.0.0.1", "POST", "/v1/chat/completions", 200, 1, 1, 1, "r", "s",
        null, "id1", ai);
    Map<String, Object> line = Json.parseObject(e.json());
    Map<String, Object> proxy = (Map<String, Object>) ((Map<String, Object>) line.get("ai")).get("proxy");
    assertThat((Map<String, Object>) proxy.get("meta")).containsEntry("provider_name", "openai")
        .containsEntry("request_model", "gpt-4o").containsEntry("response_model", "gpt-4o-2024\"x")
        .containsEntry("llm_latency", 120L);
    assertThat((Map<String, Object>) proxy.get("usage")).containsEntry("prompt_tokens", 25L)
        .containsEntry("completion_tokens", 12L).containsEntry("total_tokens", 37L)
        .containsEntry("time_per_token", 8.25).containsEntry("streamed", true).containsEntry("partial", false);
    assertThat(entry("/p", TIME).json()).doesNotContain("\"ai\"");
  }

  @Test
  void closeWritesEverythingQueued(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("access.jsonl");
    try (AccessLog log = AccessLog.open(AccessLogOptions.file(file).asJson())) {
      for (int i = 0; i < 20_000; i++) {
        log.record(entry("/p", TIME + i));
      }
    }
    List<String> lines = lines(file);
    assertThat(lines).hasSize(20_000);
    Map<String, Object> last = Json.parseObject(lines.get(19_999));
    assertThat(last).containsEntry("time", Instant.ofEpochMilli(TIME + 19_999).toString())
        .containsEntry("upstream_ms", 2L).containsEntry("path", "/p");
  }

  @Test
  void everythingAfterAKeyAuthSegmentIsRedactedHoweverThePathSpellsIt() {
    String key = "sk-live-secret";
    for (String path : List.of("/admin-api/key-auths/" + key, "/admin-api/consumers/app/key-auth/" + key + "/x",
        "/key-auths/" + key, "/admin-api/key-auths//" + key, "/admin-api/key-auths/./" + key,
        "/admin-api/key-auths/x/../" + key, "/admin-api/key-auth%73/" + key, "/admin-api/%6Bey-auths/" + key,
        "/admin-api/KEY-AUTHS/" + key, "/admin-api/key-auths;x/" + key, "/admin-api/key-auths%2F" + key,
        "/admin-api/%256Bey-auths/" + key)) {
      AccessLogEntry e = entry(path, TIME);
      assertThat(e.text()).as(path).doesNotContain(key).contains("***");
      assertThat(e.json()).as(path).doesNotContain(key).contains("***");
    }
    assertThat(entry("/admin-api/key-auths/" + key, TIME).text()).contains("\"GET /admin-api/key-auths/***\"");
    assertThat(entry("/admin-api/consumers/app/key-auth", TIME).text())
        .contains("\"GET /admin-api/consumers/app/key-auth\"");
    assertThat(entry("/v1/key-authority/x", TIME).text()).contains("\"GET /v1/***\"");
    assertThat(entry("/v1/models/%41", TIME).text()).contains("\"GET /v1/models/%41\"");
    assertThat(entry("/q\"uote", TIME).json()).contains("\"path\":\"/q\\\"uote\"");
  }

  @Test
  void namesCannotForgeALine() {
    AccessLogEntry e = new AccessLogEntry(TIME, "127.0.0.1", "GET", "/p", 200, 1, 1, 1, "r\nfake 200", "s", "c\"x",
        "id1");
    assertThat(e.text()).doesNotContain("\n").contains("route=r\\u000afake 200").contains("consumer=c\\\"x");
  }

  @Test
  void timestampsKeepMillisecondsAcrossSecondsAndBeforeTheEpoch() {
    LogTimestamps t = new LogTimestamps();
    for (long millis : new long[] {TIME, TIME + 958, TIME + 1000, 0, -1, 1_000}) {
      StringBuilder b = new StringBuilder();
      t.append(millis, b);
      Instant parsed = Instant.parse(b);
      assertThat(parsed.toEpochMilli()).isEqualTo(millis);
      assertThat(b.toString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    }
  }

  private static List<String> lines(Path file) throws Exception {
    return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
  }
}
