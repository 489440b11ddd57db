package dev.llmgateway.internal.plugins.httplog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.entity.Consumer;
import dev.llmgateway.internal.pipeline.ConfigBinder;
import dev.llmgateway.internal.plugins.testing.TestGateway;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** http-log's config record as the gateway binds it, and the queue its instances share across config changes. */
class HttpLogConfigTest {
  private final TestGateway gw = new TestGateway(new HttpLogType());

  private HttpLogConfig bind(Map<String, Object> config) {
    return ConfigBinder.of("http-log", HttpLogConfig.class, HttpLogConfig.SCHEMA)
        .bind(gw.validatePlugin("http-log", config, Map.of()).record("config"));
  }

  @Test
  void theRecordMatchesTheSchemaAndTakesKongsDefaults() {
    assertThat(gw.registry().names()).contains("http-log");
    HttpLogConfig c = bind(Map.of("http_endpoint", "http://collector:9000/logs"));
    assertThat(c.method()).isEqualTo("POST");
    assertThat(c.contentType()).isEqualTo("application/json");
    assertThat(c.timeout()).isEqualTo(10_000L);
    assertThat(c.keepalive()).isEqualTo(60_000L);
    assertThat(c.headers()).isEmpty();
    assertThat(c.queueSize()).isNull();
    assertThat(c.effectiveQueue()).isEqualTo(QueueConfig.DEFAULTS);
  }

  @Test
  void explicitNullsMeanTheDefaultsAndNumbersAreRoundedDown() {
    Map<String, Object> in = new HashMap<>();
    in.put("http_endpoint", "https://collector/logs");
    in.put("method", null);
    in.put("content_type", null);
    in.put("headers", null);
    in.put("timeout", 1500.9);
    HttpLogConfig c = bind(in);
    assertThat(c.method()).isEqualTo("POST");
    assertThat(c.contentType()).isEqualTo("application/json");
    assertThat(c.headers()).isEmpty();
    assertThat(c.timeout()).isEqualTo(1500L);
  }

  @Test
  void kongsDeprecatedQueueFieldsFoldIntoTheQueueThatRuns() {
    HttpLogConfig c = bind(Map.of("http_endpoint", "http://collector/logs", "queue_size", 20L,
        "flush_timeout", 0.5, "queue", Map.of("max_entries", 50L, "max_bytes", 4096L),
        "headers", Map.of("X-Tenant", "a")));
    assertThat(c.queue().maxBatchSize()).isEqualTo(1);
    assertThat(c.queue().maxEntries()).isEqualTo(50);
    QueueConfig q = c.effectiveQueue();
    assertThat(q.maxBatchSize()).isEqualTo(20);
    assertThat(q.maxCoalescingDelay()).isEqualTo(0.5);
    assertThat(q.maxEntries()).isEqualTo(50);
    assertThat(q.maxBytes()).isEqualTo(4096L);
    assertThat(c.headers()).containsExactly(Map.entry("X-Tenant", "a"));

    HttpLogConfig kongDefaults = bind(Map.of("http_endpoint", "http://collector/logs", "queue_size", 1L,
        "flush_timeout", 2L));
    assertThat(kongDefaults.effectiveQueue()).isEqualTo(QueueConfig.DEFAULTS);
  }

  @Test
  void instancesWithEqualConfigsShareOneQueueThatOutlivesConfigChanges() {
    gw.service("llm", "http://127.0.0.1:9");
    gw.route("a", "/a", "llm");
    gw.route("b", "/b", "llm");
    Map<String, Object> config = Map.of("http_endpoint", "http://127.0.0.1:9/logs", "queue", Map.of(
        "max_batch_size", 5L));
    gw.plugin("http-log", config, Map.of("route", "a"));
    gw.plugin("http-log", config, Map.of("route", "b"));
    gw.plugin("http-log", Map.of("http_endpoint", "http://127.0.0.1:9/other"), Map.of("route", "b"));
    gw.snapshot();
    LogQueues queues = gw.state().shared(LogQueues.KEY, LogQueues::new);
    LogQueue shared = queues.of(bind(config), c -> {
      throw new AssertionError("no queue was made for " + c);
    });
    LogQueue other = queues.of(bind(Map.of("http_endpoint", "http://127.0.0.1:9/other")), c -> {
      throw new AssertionError("no queue was made for " + c);
    });
    assertThat(other).isNotSameAs(shared);

    gw.add(Consumer.TYPE, Map.of("username", "alice"));
    gw.snapshot();
    assertThat(gw.state().shared(LogQueues.KEY, LogQueues::new).of(bind(config), c -> null)).isSameAs(shared);
  }
}
